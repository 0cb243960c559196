// Package diag owns the diagnostics every stage of metricgen reports: a range in a spec file, a
// severity, a stable check code and a message; the registry of every check code (checks.go), and
// the three ways diagnostics are printed (text for terminals and logs, JSON for tools, GitHub
// workflow commands for pull-request annotations).
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
	// Notice reports something worth knowing that is not a problem: a safe change found by
	// `metricgen diff`. GitHub shows it as a notice annotation.
	Notice
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Notice:
		return "notice"
	}
	return "error"
}

// Pos is a 1-based line and column in a spec file, and optionally the end of the range it
// names. Line 0 means "the file as a whole".
//
// EndLine and EndCol are the position just after the range's last character (so a range of
// one character on line 3 at column 5 ends at 3:6). Zero means "the YAML node that starts at
// Line:Col": validate fills those in from the spec, so a check that reports at a node's
// position (spec.String.Pos(), spec.PosOf) gets the node's whole range without asking.
type Pos struct {
	Line, Col       int
	EndLine, EndCol int
}

// HasEnd reports whether p carries the end of its range.
func (p Pos) HasEnd() bool { return p.EndLine > 0 }

// Diagnostic is one problem found in a spec.
type Diagnostic struct {
	File      string
	Line, Col int
	// EndLine and EndCol end the range (see Pos); zero when the diagnostic has no column.
	EndLine, EndCol int
	Severity        Severity
	Code            Code // the check that found it: one of Checks
	Msg             string
}

// Pos returns the range of d.
func (d Diagnostic) Pos() Pos {
	return Pos{Line: d.Line, Col: d.Col, EndLine: d.EndLine, EndCol: d.EndCol}
}

// String formats d as one line: path:line:col: severity: code: message.
func (d Diagnostic) String() string {
	head := d.Severity.String()
	if d.Code != "" {
		head += ": " + string(d.Code)
	}
	switch {
	case d.Line == 0:
		return fmt.Sprintf("%s: %s: %s", d.File, head, d.Msg)
	case d.Col == 0:
		return fmt.Sprintf("%s:%d: %s: %s", d.File, d.Line, head, d.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Line, d.Col, head, d.Msg)
}

// List collects diagnostics for one file.
type List struct {
	File  string
	Diags []Diagnostic
}

// Errorf records an error of check code at p. The code comes first so that a call written
// before codes existed (Errorf(pos, "...")) does not compile.
func (l *List) Errorf(code Code, p Pos, format string, args ...any) {
	l.Report(code, p, Error, fmt.Sprintf(format, args...))
}

// Warnf records a warning of check code at p.
func (l *List) Warnf(code Code, p Pos, format string, args ...any) {
	l.Report(code, p, Warning, fmt.Sprintf(format, args...))
}

// Report records a diagnostic whose severity is decided by the caller (a finding carried over
// from another package).
func (l *List) Report(code Code, p Pos, s Severity, msg string) {
	l.Diags = append(l.Diags, New(code, l.File, p, s, msg))
}

// New makes a diagnostic of check code at p in file.
func New(code Code, file string, p Pos, s Severity, msg string) Diagnostic {
	return Diagnostic{File: file, Line: p.Line, Col: p.Col, EndLine: p.EndLine, EndCol: p.EndCol, Severity: s, Code: code, Msg: msg}
}

// Add appends diagnostics found elsewhere.
func (l *List) Add(ds ...Diagnostic) { l.Diags = append(l.Diags, ds...) }

// HasErrors reports whether any diagnostic is an error.
func HasErrors(ds []Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sort orders diagnostics by file and position, then severity, code and message, and drops
// exact duplicates (two checks that reach the same conclusion about the same node).
func Sort(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Msg, b.Msg),
			cmp.Compare(a.EndLine, b.EndLine),
			cmp.Compare(a.EndCol, b.EndCol),
		)
	})
	return slices.Compact(ds)
}

// String writes p as line:col-endline:endcol (or line:col without an end).
func (p Pos) String() string {
	if !p.HasEnd() {
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	return fmt.Sprintf("%d:%d-%d:%d", p.Line, p.Col, p.EndLine, p.EndCol)
}
