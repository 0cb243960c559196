package spec

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/lazyregexp"
)

// go-yaml's syntax errors carry a line only ("yaml: line 5: did not find expected key"), and
// for the parser's errors that line is the 0-based line of the construct being parsed, not of
// the problem: a mis-indented key deep inside `metrics:` is reported at the line above
// `metrics:`'s first key. syntaxError recovers the line of the problem and a column, and says
// what usually causes each error.

var yamlLine = lazyregexp.New(`^yaml: (?:line (\d+): )?`)

// parserErrors are go-yaml's parser errors (as opposed to its scanner's), whose line is 0-based.
var parserErrors = []string{
	"did not find expected key",
	"did not find expected '-' indicator",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected node content",
	"did not find expected <document start>",
	"found undefined tag handle",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

var unknownAnchor = lazyregexp.New(`^unknown anchor '(.*)' referenced$`)

// syntaxError turns a go-yaml syntax error about src into a position and a message. read is
// how many lines go-yaml had read when it failed (see lineReader).
func syntaxError(err error, src []byte, read int) (diag.Pos, string) {
	text := err.Error()
	m := yamlLine.FindStringSubmatch(text)
	problem := yamlLine.ReplaceAllString(text, "")
	if slices.ContainsFunc(readerProblems, func(p string) bool { return strings.HasPrefix(problem, p) }) {
		if pos, msg, ok := charError(src); ok {
			return pos, msg
		}
	}
	lines := bytes.Split(src, []byte("\n"))
	line := 1
	if m != nil && m[1] != "" {
		line, _ = strconv.Atoi(m[1])
	}
	parser := false
	for _, p := range parserErrors {
		if strings.HasPrefix(problem, p) {
			parser = true
			if m != nil && m[1] != "" {
				line++
			}
		}
	}
	if parser {
		line = firstFailingLine(lines, line, read)
	}
	if strings.HasPrefix(problem, "found a tab character") {
		// The scanner names the line of the construct the tab breaks, not the tab's: find
		// the first line that fails, and its tab.
		for k := firstFailingLine(lines, max(1, line), max(read, line)); k <= len(lines); k++ {
			if bytes.IndexByte(lines[k-1], '\t') >= 0 {
				line = k
				break
			}
		}
	}
	line = max(1, min(line, len(lines)))
	text1 := string(lines[line-1])
	firstCol := col(text1, len(text1)-len(strings.TrimLeft(text1, " \t")))
	pos := diag.Pos{Line: line, Col: firstCol}

	var hint string
	switch {
	case problem == "did not find expected key":
		if i := strayCloser(text1); i >= 0 {
			pos.Col = col(text1, i)
			hint = "a " + strconv.QuoteRune(rune(text1[i])) + " that closes nothing; remove it"
		} else {
			hint = "this line is not indented like the other keys of its mapping; line it up with them"
		}
	case problem == "did not find expected '-' indicator":
		hint = "this line breaks off a list; start each item with '- ', and indent the keys of an item like its first key"
	case problem == "did not find expected ',' or ']'":
		pos.Col = lastOpen(text1, '[', ']', firstCol)
		hint = "the list opened with '[' here is not closed; add the ']' (and ',' between items)"
	case problem == "did not find expected ',' or '}'":
		pos.Col = lastOpen(text1, '{', '}', firstCol)
		hint = "the mapping opened with '{' here is not closed; add the '}' (and ',' between entries)"
	case problem == "found unexpected end of stream" || problem == "found unexpected document indicator":
		if i := strings.IndexAny(text1, `"'`); i >= 0 {
			pos.Col = col(text1, i)
		}
		hint = "the quoted string that starts here is not closed; add the closing quote"
	case problem == "mapping values are not allowed in this context":
		hint = "this line is indented more than the key above it, or the line above lacks its ':', or a value holding ': ' needs quotes"
	case problem == "could not find expected ':'":
		hint = "a key without ':' (write `key: value`), or a value that goes on to this line"
	case problem == "found character that cannot start any token" || strings.HasPrefix(problem, "found a tab character"):
		if i := strings.IndexByte(text1, '\t'); i >= 0 && strings.TrimLeft(text1[:i], " ") == "" {
			pos.Col = col(text1, i)
			hint = "a tab in the indentation; YAML indents with spaces only"
		} else if i := strings.IndexByte(text1, '\t'); i >= 0 && strings.HasPrefix(problem, "found a tab character") {
			pos.Col = col(text1, i)
			hint = "a tab where YAML expects spaces; indent and align with spaces only"
		} else if i := strings.IndexAny(text1, "@`\t"); i >= 0 {
			pos.Col = col(text1, i)
			hint = "a value cannot start with " + strconv.QuoteRune(rune(text1[i])) + "; put the value in quotes"
		}
	case problem == "found unknown escape character":
		if i := strings.IndexByte(text1, '\\'); i >= 0 {
			pos.Col = col(text1, i)
		}
		hint = "an unknown escape in a double-quoted string; write \\\\ for a backslash, or use single quotes"
	case unknownAnchor.MatchString(problem):
		name := unknownAnchor.FindStringSubmatch(problem)[1]
		if i := bytes.Index(src, []byte("*"+name)); i >= 0 {
			pos = offsetPos(src, i)
		}
		return pos, "invalid YAML: alias *" + name + " names no anchor; define &" + name + " before it, or write the value out"
	}
	if hint == "" {
		return pos, "invalid YAML: " + problem + "; fix the syntax (indentation, quoting, a missing ':')"
	}
	return pos, "invalid YAML (" + problem + "): " + hint
}

// firstFailingLine finds the first line at which the document stops being valid YAML: the
// shortest prefix of whole lines, from line from on, that does not parse. The parser stopped
// after reading line read, and that prefix fails: the answer is read itself, or the line
// before when go-yaml read one line ahead, which two parses (run at once) tell apart. Only
// when both fail does it bisect between from and read. Each parse costs as much as the
// prefix is long, so a 10 MB spec with a problem on its last line costs two parses, not
// twenty.
func firstFailingLine(lines [][]byte, from, read int) int {
	fails := func(n int) bool {
		if n <= 0 {
			return false
		}
		dec := yaml.NewDecoder(bytes.NewReader(bytes.Join(lines[:n], []byte("\n"))))
		for {
			var node yaml.Node
			if err := dec.Decode(&node); err != nil {
				return !errors.Is(err, io.EOF)
			}
		}
	}
	from = max(1, min(from, len(lines)))
	hi := min(read, len(lines)) // fails(hi): the parser failed having read no further
	if hi <= from {
		return from
	}
	var before, twoBefore bool
	var wg sync.WaitGroup
	wg.Go(func() { before = fails(hi - 1) })
	twoBefore = hi-2 >= from && fails(hi-2)
	wg.Wait()
	switch {
	case !before:
		return hi
	case !twoBefore:
		return hi - 1
	}
	hi -= 2
	lo := from
	if fails(lo) {
		return lo
	}
	for hi-lo > 1 { // fails(hi) && !fails(lo)
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// strayCloser returns the index of the first ']' or '}' of line that closes no bracket opened
// before it on the line, or -1. Quoted text is not looked into.
func strayCloser(line string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' '):
			return -1
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// lastOpen returns the column of the last bracket open that is not closed on the line.
func lastOpen(line string, open, close byte, fallback int) int {
	var stack []int
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case open:
			stack = append(stack, i)
		case close:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return fallback
	}
	return col(line, stack[len(stack)-1])
}

// col is the 1-based rune column of byte index i in line.
func col(line string, i int) int { return utf8.RuneCountInString(line[:i]) + 1 }

func offsetPos(src []byte, off int) diag.Pos {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return diag.Pos{Line: bytes.Count(src[:off], []byte("\n")) + 1, Col: utf8.RuneCount(src[start:off]) + 1}
}
