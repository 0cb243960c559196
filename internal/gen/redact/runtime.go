package redact

import (
	"github.com/metricgen/metricgen/internal/gen/gosrc"
	"github.com/metricgen/metricgen/internal/goname"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/templates"
)

// runtimeDir is the folder, in templates.Go, of the static redaction code.
const runtimeDir = "goredact"

// runtimeFile is the generated package's file that holds it.
const runtimeFile = "redact_runtime.go"

// runtimeFiles are the files of templates/goredact that a generated package may need, in the
// order they are copied, with the files each uses. Every non-test file of the folder but
// doc.go and spec.go (the generated part, for the template's own tests) is here
// (TestRuntimeFiles checks it, and that Needs is complete).
var runtimeFiles = []gosrc.File{
	{Name: "redactor.go", Needs: []string{"walk.go", "handler.go"}},
	{Name: "walk.go", Needs: []string{"redactor.go"}},
	{Name: "handler.go", Needs: []string{"redactor.go", "walk.go"}},
	{Name: "lower.go"},
	{Name: "contains.go"},
	{Name: "mask.go"},
	{Name: "hash.go", Needs: []string{"redactor.go"}},
}

// runtimeOf returns the runtime files of the rules of l, compiled into m: the Redactor, and
// the helpers of the actions and patterns the rules use.
func runtimeOf(l *model.Logging, m *matcher) []gosrc.File {
	names := []string{"redactor.go"}
	if m.lowers() {
		names = append(names, "lower.go")
	}
	if m.containsInOrder() {
		names = append(names, "contains.go")
	}
	if l.Uses(model.Mask) {
		names = append(names, "mask.go")
	}
	if l.Uses(model.Hash) {
		names = append(names, "hash.go")
	}
	files, err := gosrc.Closure(runtimeFiles, names...)
	if err != nil {
		panic(err) // a name above is not in runtimeFiles: TestRuntimeFiles fails too
	}
	return files
}

// runtimeSource returns redact_runtime.go of the package of s.
func runtimeSource(s *model.Spec, files []gosrc.File) ([]byte, error) {
	about := comment(gosrc.About(runtimeDir, files))
	return gosrc.Copy(templates.Go, runtimeDir, files, gosrc.Header(s.Source), s.Go.Name, about)
}

// declareRuntime declares in r the names of every runtime file, whether the rules of the spec
// need it or not: whether a spec's names clash does not depend on its rules.
func declareRuntime(r *goname.Registry) {
	for _, f := range runtimeFiles {
		src, err := templates.Go.ReadFile(runtimeDir + "/" + f.Name)
		if err == nil {
			err = r.Source(src, redactionCode)
		}
		if err != nil {
			panic(err) // the embedded files are ours: TestRuntimeFiles reads them all
		}
	}
}
