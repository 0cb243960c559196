package validate

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/model"
	"github.com/metricgen/metricgen/internal/outpath"
	"github.com/metricgen/metricgen/internal/spec"
)

// outPath checks the output path s names under key (outputs.docs, go.out) with the
// portable-path rule and the symbolic links on disk, and returns it cleaned; "" when absent
// or invalid. A valid path is not yet claimed: see claim.
func (b *builder) outPath(s spec.String, key string) string {
	if !s.Set() {
		return ""
	}
	what := fmt.Sprintf("%s %q", key, s.Value)
	if strings.TrimSpace(s.Value) == "" {
		what = key
	}
	return b.checkPath(s.Value, what, s.Pos())
}

// checkPath applies the rule to p, described in messages by what.
func (b *builder) checkPath(p, what string, pos diag.Pos) string {
	clean, problem, outside := outpath.Check(p)
	if problem != "" {
		code := diag.OutputInvalidPath
		if outside {
			code = diag.OutputOutsideRoot
		}
		b.errorf(code, pos, "%s %s", what, problem)
		return ""
	}
	if _, problem := outpath.Resolve(b.root, clean); problem != "" {
		code := diag.OutputOutsideRoot
		if !strings.Contains(problem, "out of the output root") {
			code = diag.OutputInvalidPath
		}
		b.errorf(code, pos, "%s %s", what, problem)
		return ""
	}
	return clean
}

// claim records that the spec writes p (a file, or the Go package's folder) under key, named
// by the value at, for checkOutputs and the write stage.
func (b *builder) claim(key, p string, folder bool, at spec.String) {
	if p == "" {
		return
	}
	// The range is kept for the problems found after validation (across specs, on disk).
	b.s.Paths = append(b.s.Paths, model.OutputPath{Key: key, Path: p, Folder: folder, Pos: b.f.Range(at)})
}

// checkOutputs reports the outputs that would overwrite each other or something they must not:
// two outputs at one path (also through a symbolic link, or as a case-insensitive file system
// sees them), an output inside another, the spec file itself, and paths that exist on disk as
// something metricgen cannot replace with a regular file (a folder, a link, a FIFO). A path
// with a problem is dropped from the model.
func (b *builder) checkOutputs() {
	paths := b.s.Paths
	resolved := make([]outpath.Output, len(paths))
	for i, p := range paths {
		r, _ := outpath.Resolve(b.root, p.Path)
		resolved[i] = outpath.Output{Path: r, Folder: p.Folder}
	}
	bad := make([]bool, len(paths))
	for j, q := range paths {
		for i, p := range paths[:j] {
			if bad[i] {
				continue
			}
			if msg := collision(p, q, resolved[i], resolved[j]); msg != "" {
				b.errorf(diag.OutputConflict, q.Pos, "%s", msg)
				bad[j] = true
				break
			}
		}
	}
	specReal := realPath(b.f.Path)
	rootReal := realPath(b.root)
	for i, p := range paths {
		if bad[i] {
			continue
		}
		if specReal != "" && rootReal != "" && outpath.Fold(filepath.Join(rootReal, filepath.FromSlash(resolved[i].Path))) == outpath.Fold(specReal) {
			b.errorf(diag.OutputConflict, p.Pos, "%s %q is the spec file itself: generating would replace the spec with its output; name another path", p.Key, p.Path)
			bad[i] = true
			continue
		}
		if problem := outpath.OnDisk(filepath.Join(b.root, filepath.FromSlash(p.Path)), p.Folder); problem != "" {
			b.errorf(diag.OutputNotRegular, p.Pos, "%s %q %s", p.Key, p.Path, problem)
			bad[i] = true
		}
	}
	kept := paths[:0]
	for i, p := range paths {
		if !bad[i] {
			kept = append(kept, p)
		}
	}
	b.s.Paths = kept
}

// collision describes how q collides with p, which the spec names before it, or "": by
// name (as a case-insensitive file system compares them), or through a symbolic link on disk
// (rp and rq are the paths resolved).
func collision(p, q model.OutputPath, rp, rq outpath.Output) string {
	a, c := outpath.Output{Path: p.Path, Folder: p.Folder}, outpath.Output{Path: q.Path, Folder: q.Folder}
	var msg string
	switch k, back := outpath.Collide(a, c), outpath.Collide(c, a); {
	case k == outpath.Same && p.Path == q.Path:
		msg = fmt.Sprintf("%s writes %q, which %s writes too", q.Key, q.Path, p.Key)
	case k == outpath.Same:
		msg = fmt.Sprintf("%s writes %q and %s %q: the same path", q.Key, q.Path, p.Key, p.Path)
	case k == outpath.Inside:
		msg = fmt.Sprintf("%s %q is inside %s %q, a file, which cannot also be a folder", q.Key, q.Path, p.Key, p.Path)
	case k == outpath.InFolder:
		msg = fmt.Sprintf("%s %q is inside the generated Go package %q", q.Key, q.Path, p.Path)
	case back == outpath.Inside:
		msg = fmt.Sprintf("%s %q is a file, but %s %q is inside it", q.Key, q.Path, p.Key, p.Path)
	case back == outpath.InFolder:
		msg = fmt.Sprintf("%s %q is the folder of the generated Go package, but %s %q is a .go file inside it", q.Key, q.Path, p.Key, p.Path)
	}
	if msg != "" {
		if x, y := p.Path+"/", q.Path+"/"; !strings.HasPrefix(x, y) && !strings.HasPrefix(y, x) {
			msg += " on a case-insensitive file system (macOS, Windows): paths must differ in more than case"
		}
		return msg + "; give each output its own path"
	}
	switch {
	case outpath.Collide(rp, rq) == outpath.Same:
		return fmt.Sprintf("%s %q is %q on disk, through a symbolic link, which %s %q is too; give each output its own path", q.Key, q.Path, rq.Path, p.Key, p.Path)
	case outpath.Collide(rp, rq) != outpath.None || outpath.Collide(rq, rp) != outpath.None:
		return fmt.Sprintf("%s %q is %q on disk, through a symbolic link, and overlaps %s %q (%q); give each output its own path", q.Key, q.Path, rq.Path, p.Key, p.Path, rp.Path)
	}
	return ""
}

// realPath is p made absolute with every symbolic link resolved, or "" when it does not exist.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return ""
	}
	return real
}

// Run is one spec of a run (a command line names several): its path, its output root, and
// its model when it validated.
type Run struct {
	Path, Root string
	Spec       *model.Spec
}

// AcrossSpecs reports what no spec can see alone: an output of one spec that collides with an
// output of another (two specs sharing an output root, or roots nested), and an output that
// is another spec's file. Each problem is reported at the later spec's key.
func AcrossSpecs(run []Run) []diag.Diagnostic {
	type place struct {
		r   *Run
		p   model.OutputPath
		abs outpath.Output // absolute, with links resolved
	}
	var places []place
	var ds []diag.Diagnostic
	for i := range run {
		r := &run[i]
		if r.Spec == nil {
			continue
		}
		rootReal := realPath(r.Root)
		if rootReal == "" {
			rootReal, _ = filepath.Abs(r.Root)
		}
		for _, p := range r.Spec.Paths {
			resolved, _ := outpath.Resolve(r.Root, p.Path)
			abs := filepath.ToSlash(filepath.Join(rootReal, filepath.FromSlash(resolved)))
			here := place{r: r, p: p, abs: outpath.Output{Path: abs, Folder: p.Folder}}
			for _, other := range run {
				if other.Spec == nil || other.Path == r.Path {
					continue
				}
				if sr := realPath(other.Path); sr != "" && outpath.Fold(filepath.ToSlash(sr)) == outpath.Fold(abs) {
					ds = append(ds, diag.New(diag.OutputConflict, r.Path, p.Pos, diag.Error, fmt.Sprintf("%s %q is the spec file %s: generating would replace it with this spec's output; name another path", p.Key, p.Path, other.Path)))
				}
			}
			for _, prev := range places {
				if prev.r == r {
					continue
				}
				if outpath.Collide(prev.abs, here.abs) != outpath.None || outpath.Collide(here.abs, prev.abs) != outpath.None {
					ds = append(ds, diag.New(diag.OutputConflict, r.Path, p.Pos, diag.Error, fmt.Sprintf("%s %q collides with %s %q of %s (%s); give each spec its own output paths", p.Key, p.Path, prev.p.Key, prev.p.Path, prev.r.Path, describeCollision(prev.abs, here.abs))))
					break
				}
			}
			places = append(places, here)
		}
	}
	return ds
}

func describeCollision(a, b outpath.Output) string {
	switch k, back := outpath.Collide(a, b), outpath.Collide(b, a); {
	case k == outpath.Same:
		return "the same path"
	case k == outpath.Inside, back == outpath.Inside:
		return "one is inside the other, a file"
	}
	return "a .go file inside the generated Go package"
}
