package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/metricgen/metricgen/internal/adopt/specdiff"
	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/targets"
	"github.com/metricgen/metricgen/internal/validate"
)

const diffHelp = `Usage: metricgen diff [--allow-breaking] [--format text|json|github] OLD NEW
       metricgen diff --base REF [--allow-breaking] [--format text|json|github] SPEC...

Compares two versions of a spec and classifies every change as breaking (a removed or
renamed metric, a changed type, unit, label or bucket layout, a removed enum value, a removed
or renamed alert or recording rule, ...) or safe (a new metric or value, help text, a
threshold). For each breaking change it names what uses it in the spec, with lines, and what
it may break outside. Removing a metric is safe only once the old version deprecated it.
With --base, the old version of each SPEC is the one git holds at the merge base of REF and
HEAD (a pull request's starting point). Exits 1 on a breaking change unless --allow-breaking.

Example (CI, next to metricgen check):
  metricgen diff --base origin/main --format github metrics.yaml
`

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("metricgen diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var base, format string
	var allow bool
	fs.StringVar(&base, "base", "", "compare each SPEC with its version at the merge base of this git revision and HEAD")
	fs.BoolVar(&allow, "allow-breaking", false, "exit 0 even when a change is breaking")
	fs.StringVar(&format, "format", "text", "output format: text, json or github (pull-request annotations)")
	fs.Usage = func() {
		fmt.Fprint(stderr, diffHelp)
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	switch diag.Format(format) {
	case diag.Text, diag.JSON, diag.GitHub:
	default:
		fmt.Fprintf(stderr, "metricgen diff: --format must be text, json or github, not %q\n", format)
		return exitUsage
	}
	if base == "" && fs.NArg() != 2 || base != "" && fs.NArg() == 0 {
		fmt.Fprintln(stderr, "metricgen diff: name OLD and NEW, or --base REF and the specs")
		fs.Usage()
		return exitUsage
	}

	var pairs []specdiff.Versions
	failed := false
	if base == "" {
		oldSrc, err1 := os.ReadFile(fs.Arg(0))
		newSrc, err2 := os.ReadFile(fs.Arg(1))
		if err := errors.Join(err1, err2); err != nil {
			fmt.Fprintf(stderr, "metricgen diff: %v\n", err)
			return exitFail
		}
		pairs = append(pairs, specdiff.Versions{OldName: fs.Arg(0), OldSrc: oldSrc, NewPath: fs.Arg(1), NewSrc: newSrc})
	}
	for _, path := range fs.Args() {
		if base == "" {
			break
		}
		newSrc, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "metricgen diff: %v\n", err)
			failed = true
			continue
		}
		oldSrc, commit, found, err := specdiff.FromGit(context.Background(), base, path)
		switch {
		case err != nil:
			fmt.Fprintf(stderr, "metricgen diff: %s: %v\n", path, err)
			failed = true
			continue
		case !found:
			fmt.Fprintf(stderr, "metricgen diff: %s is new since %s: nothing to compare\n", path, base)
			continue
		}
		pairs = append(pairs, specdiff.Versions{OldName: shortRev(commit) + ":" + filepath.ToSlash(path), OldSrc: oldSrc, NewPath: path, NewSrc: newSrc})
	}

	p := diag.Printer{Format: diag.Format(format)}
	// As for the other commands: the machine formats' findings on standard output, text for
	// people on standard error.
	findings := stderr
	if p.Format != diag.Text {
		findings = stdout
	}
	var all []specdiff.Change
	for _, v := range pairs {
		res := specdiff.Run(v, validate.Options{OutRoot: filepath.Dir(v.NewPath), Targets: targets.All})
		if res.Invalid != nil {
			p.Print(stderr, res.Invalid)
			fmt.Fprintf(stderr, "metricgen diff: %s: a version does not validate, so it cannot be compared; fix it first\n", v.NewPath)
			failed = true
			continue
		}
		p.Print(findings, res.Findings)
		all = append(all, res.Changes...)
	}
	if p.Format == diag.Text {
		fmt.Fprintln(stderr, "metricgen diff: "+specdiff.Summary(all, allow))
	}
	breaking := false
	for _, c := range all {
		breaking = breaking || c.Breaking
	}
	if failed || breaking && !allow {
		return exitFail
	}
	return exitOK
}

// shortRev shortens a commit hash for messages; other revisions stay as they are.
func shortRev(rev string) string {
	if len(rev) == 40 {
		return rev[:12]
	}
	return rev
}
