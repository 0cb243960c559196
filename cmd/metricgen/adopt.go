package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/metricgen/metricgen/internal/adopt/initspec"
	"github.com/metricgen/metricgen/internal/diag"
)

const initHelp = `Usage: metricgen init [--from-metrics FILE|URL] [--from-rules FILE...] [--from-dashboard FILE]
                      [-o SPEC [--force]] [--namespace NS] [--timeout 10s] [--format text|json|github]

Drafts a spec from what a service already has: its metrics (a Prometheus text or OpenMetrics
exposition, from a file, "-" for standard input, or a URL such as http://127.0.0.1:8080/metrics),
its Prometheus rule files or PrometheusRule manifests, and its Grafana dashboard's PromQL
panels. Every guess is commented in the draft. The draft is then validated, and the
diagnostics are the to-do list. It is written to SPEC only with -o, never over an existing
file unless --force; without -o it goes to standard output.

Example:
  metricgen init --from-metrics http://127.0.0.1:8080/metrics --from-rules deploy/alerts.yml -o metrics.yaml
`

// stringList is a flag that may be given several times.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("metricgen init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		metrics, dashboard, out, namespace, format string
		rules                                      stringList
		force                                      bool
		timeout                                    time.Duration
	)
	fs.StringVar(&metrics, "from-metrics", "", "exposition to draft the metrics from: a file, - for standard input, or an http(s) URL")
	fs.Var(&rules, "from-rules", "Prometheus rule file or PrometheusRule manifest to import alerts and recording rules from (repeatable; more files may follow it)")
	fs.StringVar(&dashboard, "from-dashboard", "", "Grafana dashboard JSON to import PromQL panels from")
	fs.StringVar(&out, "o", "", "write the draft to this file (default: standard output)")
	fs.BoolVar(&force, "force", false, "overwrite the -o file if it exists")
	fs.StringVar(&namespace, "namespace", "", "namespace of the service's metrics (default: guessed from their common prefix)")
	fs.DurationVar(&timeout, "timeout", 10*time.Second, "how long to wait for a --from-metrics URL")
	fs.StringVar(&format, "format", "text", "diagnostics format: text, json or github")
	fs.Usage = func() {
		fmt.Fprint(stderr, initHelp)
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	// Flags and files may mix, as in --from-rules a.yml b.yml -o spec.yaml: the files after
	// --from-rules are more rule files.
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		if len(rules) == 0 {
			fmt.Fprintf(stderr, "metricgen init: unexpected argument %q; name inputs with --from-metrics, --from-rules or --from-dashboard\n", fs.Arg(0))
			return exitUsage
		}
		rules = append(rules, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	switch diag.Format(format) {
	case diag.Text, diag.JSON, diag.GitHub:
	default:
		fmt.Fprintf(stderr, "metricgen init: --format must be text, json or github, not %q\n", format)
		return exitUsage
	}
	if metrics == "" && len(rules) == 0 && dashboard == "" {
		fmt.Fprintln(stderr, "metricgen init: name at least one input: --from-metrics, --from-rules or --from-dashboard")
		fs.Usage()
		return exitUsage
	}
	if force && out == "" {
		fmt.Fprintln(stderr, "metricgen init: --force only applies with -o FILE")
		return exitUsage
	}
	if out != "" && !force {
		if _, err := os.Lstat(out); err == nil {
			fmt.Fprintf(stderr, "metricgen init: %s exists; init never overwrites a file: choose another path, or pass --force to replace it\n", out)
			return exitFail
		}
	}

	in, ds := initspec.Read(context.Background(), initspec.Sources{Metrics: metrics, Rules: rules, Dashboard: dashboard, Timeout: timeout, Stdin: os.Stdin})
	if len(ds) > 0 {
		diag.Printer{Format: diag.Format(format)}.Print(stderr, ds)
		fmt.Fprintln(stderr, "metricgen init: nothing was written")
		return exitFail
	}
	in.Namespace, in.Path = namespace, out

	res, err := initspec.Draft(in)
	if err != nil {
		fmt.Fprintf(stderr, "metricgen init: %v; nothing was written\n", err)
		return exitFail
	}
	name := out
	if out == "" {
		name = "<draft>"
		for i := range res.Diags {
			res.Diags[i].File = name
		}
		stdout.Write(res.Spec)
	} else if err := writeNew(out, res.Spec, force); err != nil {
		fmt.Fprintf(stderr, "metricgen init: %v; nothing was written\n", err)
		return exitFail
	}
	p := diag.Printer{Format: diag.Format(format)}
	if p.Format == diag.Text && isTerminal(stderr) {
		p.Sources = map[string][]byte{name: res.Spec}
	}
	// The machine formats' findings go to standard output, as for the other commands, unless
	// the draft itself goes there.
	findings := stderr
	if p.Format != diag.Text && out != "" {
		findings = stdout
	}
	p.Print(findings, res.Diags)
	if p.Format == diag.Text {
		fmt.Fprintln(stderr, "metricgen init: "+res.Summary(name))
	}
	return exitOK
}

// writeNew writes a file atomically: a temporary file beside it, then a hard link that fails
// if the file appeared meanwhile (or a rename over it, with force).
func writeNew(path string, content []byte, force bool) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if force {
		return os.Rename(tmp.Name(), path)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s appeared while the draft was made; init never overwrites a file", path)
		}
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
