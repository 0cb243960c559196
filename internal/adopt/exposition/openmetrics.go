package exposition

import (
	"bytes"
	"strings"
)

// openMetricsToText rewrites an OpenMetrics 1.0 exposition into the Prometheus text format
// that expfmt parses, keeping one line per input line so that errors name the right line:
//
//   - a counter family "x" has samples "x_total" (and "x_created"): the family becomes
//     "x_total", the name Prometheus stores and queries use;
//   - an info family "x" has samples "x_info" and becomes the gauge "x_info"; a stateset
//     becomes a gauge; unknown becomes untyped; a gauge histogram's _gcount and _gsum become
//     _count and _sum;
//   - _created samples, exemplars, timestamps, "# EOF" and other comments are dropped;
//   - "# UNIT" lines are returned as units, by the rewritten family name.
func openMetricsToText(src []byte) ([]byte, map[string]string, error) {
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	types := map[string]string{}
	for _, line := range lines {
		if kw, name, rest, ok := metaLine(line); ok && kw == "TYPE" {
			types[name] = strings.ToLower(strings.TrimSpace(rest))
		}
	}
	units := map[string]string{}
	var out bytes.Buffer
	eof := false
	for i, line := range lines {
		if i > 0 {
			out.WriteByte('\n')
		}
		if eof {
			continue
		}
		if strings.TrimSpace(line) == "# EOF" {
			eof = true
			continue
		}
		if strings.HasPrefix(line, "#") {
			kw, name, rest, ok := metaLine(line)
			if !ok {
				continue
			}
			typ := types[name]
			renamed := familyName(name, typ)
			switch kw {
			case "TYPE":
				out.WriteString("# TYPE " + renamed + " " + textType(typ))
			case "HELP":
				out.WriteString("# HELP " + renamed + " " + strings.TrimSpace(unescapeHelp(rest)))
			case "UNIT":
				if u := strings.TrimSpace(rest); u != "" {
					units[renamed] = u
				}
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		name, labels, value, ok := sampleLine(line)
		if !ok {
			out.WriteString(line) // let the text parser report it
			continue
		}
		name, keep := sampleName(name, types)
		if !keep {
			continue
		}
		out.WriteString(name + labels + " " + value)
	}
	return out.Bytes(), units, nil
}

// metaLine splits "# KEYWORD name rest"; ok is false for other comments.
func metaLine(line string) (kw, name, rest string, ok bool) {
	s := strings.TrimPrefix(line, "#")
	s = strings.TrimLeft(s, " \t")
	kw, s, found := strings.Cut(s, " ")
	if !found || (kw != "TYPE" && kw != "HELP" && kw != "UNIT") {
		return "", "", "", false
	}
	s = strings.TrimLeft(s, " \t")
	name, rest, _ = strings.Cut(s, " ")
	return kw, name, rest, name != ""
}

// familyName is the name a family of OpenMetrics type typ has in the text format.
func familyName(name, typ string) string {
	switch typ {
	case "counter":
		if !strings.HasSuffix(name, "_total") {
			return name + "_total"
		}
	case "info":
		if !strings.HasSuffix(name, "_info") {
			return name + "_info"
		}
	}
	return name
}

// textType maps an OpenMetrics type to the text format's.
func textType(typ string) string {
	switch typ {
	case "counter", "gauge", "histogram", "summary", "gaugehistogram":
		return typ
	case "info", "stateset":
		return "gauge"
	}
	return "untyped"
}

// unescapeHelp turns OpenMetrics' escapes into the text format's, which knows only \\ and \n.
func unescapeHelp(s string) string {
	if !strings.Contains(s, `\"`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if s[i+1] == '"' {
				b.WriteByte('"')
			} else {
				b.WriteString(s[i : i+2])
			}
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// sampleLine splits a sample line into its name, its label block (with braces, "" when
// absent) and its value; the timestamp and exemplar that may follow are dropped.
func sampleLine(line string) (name, labels, value string, ok bool) {
	i := 0
	for i < len(line) && isNameByte(line[i], i == 0) {
		i++
	}
	if i == 0 {
		return "", "", "", false
	}
	name = line[:i]
	if i < len(line) && line[i] == '{' {
		end := closingBrace(line, i)
		if end < 0 {
			return "", "", "", false
		}
		labels = line[i : end+1]
		i = end + 1
	}
	fields := strings.Fields(line[i:])
	if len(fields) == 0 {
		return "", "", "", false
	}
	return name, labels, fields[0], true
}

func isNameByte(c byte, first bool) bool {
	return c == '_' || c == ':' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || !first && '0' <= c && c <= '9'
}

// closingBrace returns the index of the '}' that closes the '{' at open, skipping quoted
// label values, or -1.
func closingBrace(s string, open int) int {
	inQuote := false
	for i := open + 1; i < len(s); i++ {
		switch c := s[i]; {
		case inQuote && c == '\\':
			i++
		case c == '"':
			inQuote = !inQuote
		case !inQuote && c == '}':
			return i
		}
	}
	return -1
}

// sampleName is the text-format name of an OpenMetrics sample; keep is false for samples the
// draft does not need (_created).
func sampleName(name string, types map[string]string) (string, bool) {
	for _, suffix := range []string{"_created", "_gcount", "_gsum"} {
		base, ok := strings.CutSuffix(name, suffix)
		if !ok {
			continue
		}
		switch typ := types[base]; {
		case suffix == "_created" && (typ == "counter" || typ == "histogram" || typ == "summary" || typ == "gaugehistogram"):
			return "", false
		case suffix != "_created" && typ == "gaugehistogram":
			return base + strings.Replace(suffix, "_g", "_", 1), true
		}
	}
	return name, true
}
