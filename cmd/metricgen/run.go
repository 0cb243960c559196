package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/output"
	"github.com/metricgen/metricgen/internal/spec"
	"github.com/metricgen/metricgen/internal/targets"
	"github.com/metricgen/metricgen/internal/validate"
	"github.com/metricgen/metricgen/schema"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // invalid spec, or drift found
	exitUsage = 2
)

const usage = `metricgen turns a YAML spec of a service's telemetry into Go instrumentation,
Prometheus rules, a Grafana dashboard, log redaction and docs.

Usage:
  metricgen validate [flags] SPEC...             check specs; write nothing
  metricgen generate [--out DIR] [flags] SPEC... validate, then write every output
  metricgen check [--out DIR] [flags] SPEC...    exit 1 with a diff when outputs drifted
  metricgen schema                               print the spec's JSON Schema
  metricgen checks [CODE...]                     list the checks, or explain some
  metricgen init --from-metrics FILE|URL [-o SPEC] draft a spec from a running service
  metricgen version                              print metricgen's version and revision
  metricgen diff OLD NEW | --base REF SPEC...    classify the changes; exit 1 if one breaks

Run 'metricgen <command> -h' for a command's flags and an example.
Exit status: 0 fine, 1 invalid spec or drift, 2 usage error. With --format json or github,
the findings go to standard output; human-readable text always goes to standard error.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "validate":
		return runValidate(args[1:], stdout, stderr)
	case "generate":
		return runGenerate(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "schema":
		return runSchema(args[1:], stdout, stderr)
	case "checks":
		return runChecks(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "version":
		return runVersion(args[1:], stdout, stderr)
	case "diff":
		return runDiff(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "metricgen: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// options are the flags the spec-reading commands share.
type options struct {
	out    string
	strict bool
	format string
	// findings receives the diagnostics: standard output for the machine formats (json,
	// github), so that `| jq` and GitHub's runner see them, standard error for text.
	findings io.Writer
}

// route sets where the findings go, once the format is known.
func (o *options) route(stdout, stderr io.Writer) {
	o.findings = stderr
	if diag.Format(o.format) != diag.Text {
		o.findings = stdout
	}
}

func newFlags(name, help string, stderr io.Writer, o *options, withOut bool) *flag.FlagSet {
	fs := flag.NewFlagSet("metricgen "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	if withOut {
		fs.StringVar(&o.out, "out", "", "output root that the spec's output paths are relative to (default: each spec's folder)")
	}
	fs.BoolVar(&o.strict, "strict", false, "treat warnings as errors, and report ignore comments that silence nothing")
	fs.StringVar(&o.format, "format", "text", "diagnostics format: text, json or github (pull-request annotations)")
	fs.Usage = func() {
		fmt.Fprint(stderr, help)
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and checks that specs were named; ok is false after a usage error. Flags
// may come before or after the specs (`metricgen validate spec.yaml --strict`), as in most
// tools; "--" ends the flags. A spec named twice is read once.
func parse(fs *flag.FlagSet, args []string, o *options, stderr io.Writer) (specs []string, code int, ok bool) {
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, exitOK, false
		}
		return nil, exitUsage, false
	}
	switch diag.Format(o.format) {
	case diag.Text, diag.JSON, diag.GitHub:
	default:
		fmt.Fprintf(stderr, "%s: --format must be text, json or github, not %q\n", fs.Name(), o.format)
		return nil, exitUsage, false
	}
	if len(positional) == 0 {
		fmt.Fprintf(stderr, "%s: name at least one spec file\n", fs.Name())
		fs.Usage()
		return nil, exitUsage, false
	}
	return dedupe(positional), exitOK, true
}

// parseInterspersed parses fs's flags wherever they stand among args and returns the other
// arguments in order. The flag package stops at the first argument that is not a flag.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// dedupe drops the repeats of a spec named twice (`spec/*.yaml spec/a.yaml`, or `a.yaml
// ./a.yaml`): generating it twice would only find that its outputs collide with themselves.
func dedupe(specs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range specs {
		key := p
		if p != stdinName {
			if abs, err := filepath.Abs(p); err == nil {
				key = abs
				if real, err := filepath.EvalSymlinks(abs); err == nil {
					key = real
				}
			}
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

// stdinName is the SPEC argument that stands for standard input (validate only).
const stdinName = "-"

// stdin is the input of `validate -`; tests replace it.
var stdin io.Reader = os.Stdin

// loaded is one valid spec (at path, as the command line names it) with where its outputs go.
type loaded struct {
	path string
	spec *model.Spec
	root string
}

// load validates every spec and prints every diagnostic of all of them. ok is false when any
// spec has errors (or warnings, with --strict).
func load(specs []string, o *options, stderr io.Writer) ([]loaded, bool) {
	var all []diag.Diagnostic
	var out []loaded
	p := diag.Printer{Format: diag.Format(o.format)}
	showSource := p.Format == diag.Text && isTerminal(o.findings)
	sources := map[string][]byte{}
	for _, path := range specs {
		root := o.out
		if root == "" {
			root = filepath.Dir(path)
			if path == stdinName {
				root = "."
			}
		}
		var (
			s  *model.Spec
			ds []diag.Diagnostic
		)
		if path == stdinName {
			s, ds = validateStdin(validate.Options{OutRoot: root, Strict: o.strict, Targets: targets.All})
			path = stdinLabel
		} else {
			s, ds = validate.File(path, validate.Options{OutRoot: root, Strict: o.strict, Targets: targets.All})
		}
		all = append(all, ds...)
		if showSource && len(ds) > 0 && path != stdinLabel {
			if src, err := os.ReadFile(path); err == nil {
				sources[path] = src
			}
		}
		if s != nil {
			out = append(out, loaded{path: path, spec: s, root: root})
		}
	}
	if len(out) > 1 {
		var run []validate.Run
		for _, l := range out {
			run = append(run, validate.Run{Path: l.path, Root: l.root, Spec: l.spec})
		}
		across := diag.Sort(validate.AcrossSpecs(run))
		all = append(all, across...)
		if showSource {
			for _, d := range across {
				if src, err := os.ReadFile(d.File); err == nil {
					sources[d.File] = src
				}
			}
		}
	}
	if showSource {
		p.Sources = sources
	}
	p.Print(o.findings, all)
	failed := len(out) < len(specs) || diag.HasErrors(all) || (o.strict && len(all) > 0)
	if o.strict && !diag.HasErrors(all) && len(all) > 0 {
		fmt.Fprintln(stderr, "metricgen: warnings are errors with --strict")
	}
	return out, !failed
}

// stdinLabel names standard input in diagnostics.
const stdinLabel = "<stdin>"

// validateStdin validates the spec on standard input.
func validateStdin(opts validate.Options) (*model.Spec, []diag.Diagnostic) {
	src, err := spec.Read(stdin)
	switch {
	case errors.Is(err, spec.ErrTooLarge):
		return nil, []diag.Diagnostic{diag.New(diag.FileTooLarge, stdinLabel, diag.Pos{}, diag.Error, err.Error())}
	case err != nil:
		return nil, []diag.Diagnostic{diag.New(diag.FileUnreadable, stdinLabel, diag.Pos{}, diag.Error, "cannot read the spec: "+err.Error())}
	}
	return validate.Source(stdinLabel, src, opts)
}

// noStdin refuses "-" as a spec of generate and check, which need a file: its folder is the
// default output root, and its path is what the generated files and the manifest name.
func noStdin(name string, specs []string, stderr io.Writer) bool {
	if slices.Contains(specs, stdinName) {
		fmt.Fprintf(stderr, "%s: reading the spec from standard input ('-') works with validate only: %s needs the spec's file (its folder is the output root, its path goes into the generated files); name the file\n", name, strings.TrimPrefix(name, "metricgen "))
		return true
	}
	return false
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

const validateHelp = `Usage: metricgen validate [--strict] [--format text|json|github] SPEC...

Checks each spec (schema, names, labels, buckets, PromQL of every rule and panel) and prints
every problem as path:line:col: severity: message. Writes nothing. A SPEC of - reads the spec
from standard input (output paths are then relative to the current folder).

Example:
  metricgen validate spec/klaviyo.yaml
`

func runValidate(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := newFlags("validate", validateHelp, stderr, &o, false)
	specs, code, ok := parse(fs, args, &o, stderr)
	if !ok {
		return code
	}
	o.route(stdout, stderr)
	if _, ok := load(specs, &o, stderr); !ok {
		return exitFail
	}
	return exitOK
}

const generateHelp = `Usage: metricgen generate [--out DIR] [--strict] [--format text|json|github] SPEC...

Validates every spec, then writes all of their outputs (Go package, rule files, dashboard,
docs). Nothing is written unless every spec is valid; files are replaced atomically, unchanged
files are left untouched, and files a spec generated before but no longer does are removed.

Example (in a service repo, as a go:generate line):
  //go:generate go tool metricgen generate metrics.yaml
Example (this repository's examples):
  metricgen generate --out generated spec/klaviyo.yaml
`

func runGenerate(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := newFlags("generate", generateHelp, stderr, &o, true)
	specs, code, ok := parse(fs, args, &o, stderr)
	if !ok {
		return code
	}
	if noStdin(fs.Name(), specs, stderr) {
		return exitUsage
	}
	o.route(stdout, stderr)
	sets, ls, ok := emitAll(specs, &o, stderr)
	if !ok {
		return exitFail
	}
	if _, err := output.Write(sets); err != nil {
		var ps output.Problems
		if errors.As(err, &ps) {
			report(&o, stderr, problemDiagnostics(ps, ls)...)
			fmt.Fprintln(stderr, "metricgen: nothing was written")
			return exitFail
		}
		fmt.Fprintf(stderr, "metricgen: %v; nothing was changed\n", err)
		return exitFail
	}
	return exitOK
}

const checkHelp = `Usage: metricgen check [--out DIR] [--strict] [--format text|json|github] SPEC...

The drift check for CI: generates in memory and compares with the files on disk. Exits 1 and
prints a unified diff when an output is missing, out of date or edited by hand, and names
files that carry the spec's generated header but are no longer generated. Writes nothing.

Example:
  metricgen check --out generated spec/*.yaml
`

func runCheck(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := newFlags("check", checkHelp, stderr, &o, true)
	specs, code, ok := parse(fs, args, &o, stderr)
	if !ok {
		return code
	}
	if noStdin(fs.Name(), specs, stderr) {
		return exitUsage
	}
	o.route(stdout, stderr)
	sets, _, ok := emitAll(specs, &o, stderr)
	if !ok {
		return exitFail
	}
	drift, err := output.Check(sets)
	if err != nil {
		fmt.Fprintf(stderr, "metricgen: %v\n", err)
		return exitFail
	}
	if len(drift) == 0 {
		return exitOK
	}
	regen := invocation() + " generate " + strings.Join(regenArgs(&o, specs), " ")
	if diag.Format(o.format) != diag.Text {
		// One finding per drifted file, on the generated file, so that a pull request shows
		// the annotation where the drift is.
		var ds []diag.Diagnostic
		for _, d := range drift {
			ds = append(ds, driftDiagnostic(d, regen))
		}
		report(&o, stderr, ds...)
		return exitFail
	}
	for _, d := range drift {
		if d.Diff != "" {
			fmt.Fprint(stdout, d.Diff)
		}
	}
	for _, d := range drift {
		if d.Msg != "" {
			fmt.Fprintf(stderr, "%s: %s: %s\n", filepath.ToSlash(d.Path), d.Kind, d.Msg)
			continue
		}
		fmt.Fprintf(stderr, "%s: %s\n", filepath.ToSlash(d.Path), d.Kind)
	}
	fmt.Fprintf(stderr, "metricgen: %d generated file(s) drifted; run: %s\n", len(drift), regen)
	return exitFail
}

// driftDiagnostic is the finding for one drifted file: at the first line that differs, for a
// file on disk with other content.
func driftDiagnostic(d output.Drift, regen string) diag.Diagnostic {
	path := filepath.ToSlash(d.Path)
	switch d.Kind {
	case output.Missing:
		return diag.New(diag.DriftMissing, path, diag.Pos{}, diag.Error, "generated file is missing; run: "+regen)
	case output.NotGenerated:
		return diag.New(diag.DriftNotGenerated, path, diag.Pos{}, diag.Error, "the manifest lists this file as generated, but the spec no longer generates it; run: "+regen+" (which removes it)")
	case output.Leftover:
		return diag.New(diag.DriftLeftover, path, diag.Pos{}, diag.Error, "temporary file left by an interrupted metricgen generate; run: "+regen+" (which removes it)")
	case output.NotOwned:
		return diag.New(diag.OutputNotOwned, path, diag.Pos{}, diag.Error, d.Msg)
	case output.NotRegular:
		return diag.New(diag.OutputNotRegular, path, diag.Pos{}, diag.Error, d.Msg)
	}
	return diag.New(diag.DriftStale, path, diag.Pos{Line: firstChangedLine(d.Diff)}, diag.Error, "generated file differs from what the spec generates (out of date, or edited by hand); change the spec, not this file, and run: "+regen)
}

// firstChangedLine is the line on disk where a unified diff's first hunk changes something,
// or 0 when the diff does not say.
func firstChangedLine(diff string) int {
	line := 0
	for _, l := range strings.Split(diff, "\n") {
		switch {
		case strings.HasPrefix(l, "@@ -"):
			var start int
			if _, err := fmt.Sscanf(l, "@@ -%d", &start); err != nil {
				return 0
			}
			line = start
		case line == 0: // the file header, before the first hunk
		case strings.HasPrefix(l, "-") || strings.HasPrefix(l, "+"):
			return max(line, 1)
		case strings.HasPrefix(l, " "):
			line++
		}
	}
	return 0
}

func regenArgs(o *options, specs []string) []string {
	var a []string
	if o.out != "" {
		a = append(a, "--out", o.out)
	}
	return append(a, specs...)
}

// emitAll validates the specs and runs every target over each. What goes wrong after
// validation (a bug in an emitter) is reported as diagnostics too, in the chosen format, and
// nothing is written. It returns the loaded specs too, index for index with the sets.
func emitAll(specs []string, o *options, stderr io.Writer) ([]output.Set, []loaded, bool) {
	ls, ok := load(specs, o, stderr)
	if !ok {
		return nil, nil, false
	}
	var (
		sets []output.Set
		ds   []diag.Diagnostic
	)
	for _, l := range ls {
		files, err := emit(l.spec)
		if err != nil {
			ds = append(ds, diag.New(diag.InternalEmit, l.path, diag.Pos{}, diag.Error, err.Error()+"; this is a bug in metricgen: please report it with the spec"))
			continue
		}
		for _, f := range files {
			// Every file must be one of the paths validation checked (model.Spec.Paths).
			if _, ok := l.spec.PathOf(f.Path); !ok {
				ds = append(ds, diag.New(diag.InternalEmit, l.path, diag.Pos{}, diag.Error, fmt.Sprintf("an emitter wrote %s, which no output of the spec names; this is a bug in metricgen: please report it with the spec", f.Path)))
			}
		}
		sets = append(sets, output.Set{Root: l.root, Source: l.spec.Source, Files: files})
	}
	if len(ds) > 0 {
		report(o, stderr, ds...)
		return nil, nil, false
	}
	return sets, ls, true
}

// problemDiagnostics turns the reasons a write was refused into diagnostics at the spec key
// that names each file.
func problemDiagnostics(ps output.Problems, ls []loaded) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, p := range ps {
		l := ls[p.Set]
		if op, ok := l.spec.PathOf(p.Path); ok {
			ds = append(ds, diag.New(p.Code, l.path, op.Pos, diag.Error, fmt.Sprintf("%s: %s %s", op.Key, p.Path, p.Msg)))
			continue
		}
		ds = append(ds, diag.New(p.Code, l.path, diag.Pos{}, diag.Error, fmt.Sprintf("output %s %s", p.Path, p.Msg)))
	}
	return diag.Sort(ds)
}

// report prints diagnostics found after validation in the chosen format.
func report(o *options, stderr io.Writer, ds ...diag.Diagnostic) {
	w := o.findings
	if w == nil { // a command that does not route its findings: text for people
		w = stderr
	}
	diag.Printer{Format: diag.Format(o.format)}.Print(w, ds)
}

// emit runs every target over s; the order of targets does not matter, each returns only the
// files of its own.
func emit(s *model.Spec) ([]gen.File, error) {
	var files []gen.File
	for _, t := range targets.All {
		fs, err := t.Generate(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Name, err)
		}
		files = append(files, fs...)
	}
	return files, nil
}

func runSchema(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "Usage: metricgen schema\n\nPrints the JSON Schema of the spec (for editors: yaml-language-server, VS Code).")
		if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
			return exitOK
		}
		return exitUsage
	}
	stdout.Write(schema.JSON)
	return exitOK
}

const checksHelp = `Usage: metricgen checks [CODE...]

Without arguments, lists every check: its code (as diagnostics print it), its severity,
whether an ignore comment may silence it, and what it catches. With codes, explains each: what
it catches, an example, and how to fix it (the same text as docs/checks.md).

Silence one check on one node of the spec with a comment on the node's line, or on the line
above it:
  expr: node_load1 > 4  # metricgen:ignore promql/unknown-metric node-exporter runs on the host

Example:
  metricgen checks promql/vector-matching
`

func runChecks(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		for _, c := range diag.Checks {
			ignorable := "-"
			if c.Ignorable {
				ignorable = "ignorable"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Code, c.Severity, ignorable, c.Summary)
		}
		tw.Flush()
		return exitOK
	}
	for i, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fmt.Fprint(stderr, checksHelp)
			return exitOK
		}
		c, ok := diag.Lookup(diag.Code(a))
		if !ok {
			fmt.Fprintf(stderr, "metricgen checks: unknown check %q; run metricgen checks for the list\n", a)
			return exitUsage
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprint(stdout, c.Doc())
	}
	return exitOK
}
