// Package diag owns the diagnostics every stage of metricgen reports: a position in a spec
// file, a severity and a message, and the three ways they are printed (text for terminals and
// logs, JSON for tools, GitHub workflow commands for pull-request annotations).
package diag

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity says whether a diagnostic fails the run.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a 1-based line and column in a spec file. Line 0 means "the file as a whole".
type Pos struct {
	Line, Col int
}

// Diagnostic is one problem found in a spec.
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Severity Severity
	Msg      string
}

func (d Diagnostic) String() string {
	switch {
	case d.Line == 0:
		return fmt.Sprintf("%s: %s: %s", d.File, d.Severity, d.Msg)
	case d.Col == 0:
		return fmt.Sprintf("%s:%d: %s: %s", d.File, d.Line, d.Severity, d.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Line, d.Col, d.Severity, d.Msg)
}

// List collects diagnostics for one file.
type List struct {
	File  string
	Diags []Diagnostic
}

// Errorf records an error at p.
func (l *List) Errorf(p Pos, format string, args ...any) {
	l.add(p, Error, format, args...)
}

// Warnf records a warning at p.
func (l *List) Warnf(p Pos, format string, args ...any) {
	l.add(p, Warning, format, args...)
}

func (l *List) add(p Pos, s Severity, format string, args ...any) {
	l.Diags = append(l.Diags, Diagnostic{File: l.File, Line: p.Line, Col: p.Col, Severity: s, Msg: fmt.Sprintf(format, args...)})
}

// Add appends diagnostics found elsewhere.
func (l *List) Add(ds ...Diagnostic) { l.Diags = append(l.Diags, ds...) }

// HasErrors reports whether any diagnostic is an error.
func HasErrors(ds []Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sort orders diagnostics by file and position, then severity and message, and drops exact
// duplicates (two checks that reach the same conclusion about the same node).
func Sort(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.Compact(ds)
}
