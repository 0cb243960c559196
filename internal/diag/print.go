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
	Text   Format = "text"   // path:line:col: severity: message
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

type jsonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func printJSON(w io.Writer, d Diagnostic) error {
	b, err := json.Marshal(jsonDiag{File: d.File, Line: d.Line, Col: d.Col, Severity: d.Severity.String(), Message: d.Msg})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// githubCommand formats d as a workflow command; GitHub requires %, CR and LF escaped in the
// message, and also ',' and ':' in properties.
func githubCommand(d Diagnostic) string {
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	msg := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	var b strings.Builder
	b.WriteString("::" + d.Severity.String() + " file=" + prop.Replace(d.File))
	if d.Line > 0 {
		fmt.Fprintf(&b, ",line=%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ",col=%d", d.Col)
		}
	}
	b.WriteString("::" + msg.Replace(d.Msg))
	return b.String()
}

// printContext writes the source line of d and a caret under its column.
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
	pad := min(d.Col-1, utf8.RuneCountInString(line))
	_, err := fmt.Fprintf(w, "    %s^\n", strings.Repeat(" ", pad))
	return err
}
