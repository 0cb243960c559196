package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Format is how diagnostics are printed.
type Format string

const (
	Text   Format = "text"   // path:line:col: severity: code: message
	JSON   Format = "json"   // one JSON object a line
	GitHub Format = "github" // GitHub workflow commands: inline annotations in a pull request
)

// Printer writes diagnostics in one format. Sources, when set, maps a file to its content so
// that text diagnostics show the offending line with a caret under the column, as compilers do.
type Printer struct {
	Format  Format
	Sources map[string][]byte
}

// Print writes ds to w.
func (p Printer) Print(w io.Writer, ds []Diagnostic) error {
	for _, d := range ds {
		var err error
		switch p.Format {
		case JSON:
			err = printJSON(w, d)
		case GitHub:
			_, err = fmt.Fprintln(w, githubCommand(d))
		default:
			_, err = fmt.Fprintln(w, d.String())
			if err == nil && p.Sources != nil {
				err = printContext(w, d, p.Sources[d.File])
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// jsonDiag is the JSON form of a diagnostic; the names are a contract (spec-v1, round 2).
type jsonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	EndLine  int    `json:"end_line"`
	EndCol   int    `json:"end_col"`
	Severity string `json:"severity"`
	Code     Code   `json:"code"`
	Message  string `json:"message"`
}

func printJSON(w io.Writer, d Diagnostic) error {
	b, err := json.Marshal(jsonDiag{File: d.File, Line: d.Line, Col: d.Col, EndLine: d.EndLine, EndCol: d.EndCol, Severity: d.Severity.String(), Code: d.Code, Message: d.Msg})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// githubCommand formats d as a workflow command; GitHub requires %, CR and LF escaped in the
// message, and also ',' and ':' in properties. The title (the annotation's heading) is the
// check code; the range goes as endLine and endColumn.
func githubCommand(d Diagnostic) string {
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	msg := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	var b strings.Builder
	b.WriteString("::" + d.Severity.String() + " file=" + prop.Replace(d.File))
	if d.Line > 0 {
		fmt.Fprintf(&b, ",line=%d", d.Line)
		if d.EndLine > 0 {
			fmt.Fprintf(&b, ",endLine=%d", d.EndLine)
		}
		if d.Col > 0 {
			fmt.Fprintf(&b, ",col=%d", d.Col)
			if d.EndCol > 0 {
				fmt.Fprintf(&b, ",endColumn=%d", d.EndCol)
			}
		}
	}
	if d.Code != "" {
		b.WriteString(",title=" + prop.Replace(string(d.Code)))
	}
	b.WriteString("::" + msg.Replace(d.Msg))
	return b.String()
}

// printContext writes the source line of d and a caret under its column, underlined to the end
// of its range (or of the line, for a range that goes on to later lines).
func printContext(w io.Writer, d Diagnostic, src []byte) error {
	if d.Line <= 0 || src == nil {
		return nil
	}
	lines := strings.Split(string(src), "\n")
	if d.Line > len(lines) {
		return nil
	}
	line := strings.TrimRight(lines[d.Line-1], "\r")
	if _, err := fmt.Fprintf(w, "    %s\n", strings.ReplaceAll(line, "\t", " ")); err != nil {
		return err
	}
	if d.Col <= 0 {
		return nil
	}
	width := utf8.RuneCountInString(line)
	pad := min(d.Col-1, width)
	underline := 0
	switch {
	case d.EndLine == d.Line && d.EndCol > d.Col:
		underline = min(d.EndCol, width+1) - d.Col - 1
	case d.EndLine > d.Line:
		underline = width - d.Col
	}
	_, err := fmt.Fprintf(w, "    %s^%s\n", strings.Repeat(" ", pad), strings.Repeat("~", max(underline, 0)))
	return err
}
