package validate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/lazyregexp"
	"github.com/metricgen/metricgen/schema"
)

// modeline is yaml-language-server's comment naming a document's schema:
// "# yaml-language-server: $schema=<url or path>".
var modeline = lazyregexp.New(`^[ \t]*#[ \t]*yaml-language-server:.*?\$schema=(\S+)`)

// maxSchemaCopy bounds what is read of a file the modeline names: a schema copy is a few
// tens of kilobytes; anything far larger is not one.
const maxSchemaCopy = 4 << 20

// schemaCopy warns when the schema that editors check the spec against (a local file the
// yaml-language-server comment names) is not this metricgen's: a copy older or newer than the
// tool, whose completion and errors then disagree with validate. The spec's own
// outputs.schema is left to generate and check, which keep it current.
func (b *builder) schemaCopy() {
	ref, line, col := modelineSchema(b.f.Src)
	if ref == "" || strings.Contains(ref, "://") {
		return // none, or a URL: not a copy on this disk
	}
	p := filepath.FromSlash(ref)
	if !filepath.IsAbs(p) {
		// yaml-language-server resolves it from the spec's folder.
		p = filepath.Join(filepath.Dir(b.f.Path), p)
	}
	if out := b.s.Outputs.Schema; out != "" && samePath(p, filepath.Join(b.root, filepath.FromSlash(out))) {
		return
	}
	pos := diag.Pos{Line: line, Col: col, EndLine: line, EndCol: col + utf8.RuneCountInString(ref)}
	fix := "let generate write it and keep it current (outputs.schema: <path from the output root>), or rewrite it with `metricgen schema > " + ref + "`"
	if rel, err := filepath.Rel(b.root, p); err == nil && filepath.IsLocal(rel) {
		fix = "let generate write it and keep it current with outputs.schema: " + filepath.ToSlash(rel) + ", or rewrite it with `metricgen schema > " + ref + "`"
	}
	// A file that is not there is not reported: the editor says it finds no schema, and a
	// spec copied without its neighbours (a scratch checkout, a test) is no mistake.
	if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() || fi.Size() > maxSchemaCopy {
		return
	}
	content, err := os.ReadFile(p)
	if err != nil || bytes.Equal(content, schema.JSON) {
		return
	}
	b.warnf(diag.SchemaStaleCopy, pos, "the yaml-language-server comment names the schema %q, which is not this metricgen's (a copy from another version): editors complete and check the spec with other keys and rules than validate; %s", ref, fix)
}

// modelineSchema returns the schema the spec's yaml-language-server comment names, with the
// line and column where it starts; "" when there is none.
func modelineSchema(src []byte) (ref string, line, col int) {
	for i, l := range bytes.Split(src, []byte("\n")) {
		m := modeline.FindSubmatchIndex(l)
		if m == nil {
			continue
		}
		return string(l[m[2]:m[3]]), i + 1, utf8.RuneCount(l[:m[2]]) + 1
	}
	return "", 0, 0
}

// samePath reports whether two paths name one file on disk (or, when either does not exist,
// are the same path).
func samePath(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}
