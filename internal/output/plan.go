package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/outpath"
)

// write is one file to write: its new content, and what it replaces.
type write struct {
	path    string // relative to the root
	content []byte
	old     []byte
	existed bool
}

// rootPlan is what a run does in one output root.
type rootPlan struct {
	root string
	// manifestOnDisk is the manifest as found (nil: none); current is what the disk holds
	// now, as this run writes it.
	manifestOnDisk, current []byte
	// pending lists everything the run may leave on disk if it is interrupted (the old
	// entries and the new ones); final is the manifest once the run is done.
	pending, final Manifest
	writes         []write
	removes        []string // listed, no longer generated, still carrying a generated header
	leftovers      []string // temporary files of an interrupted run
}

type runPlan struct {
	roots    []*rootPlan
	problems Problems
}

// plan decides, without writing, what a run of sets does: which files to write (changed or
// new), which to remove, which leftovers to clean, and what refuses the whole run. The rules
// of ownership (ARCHITECTURE.md): a target may be written when it does not exist, is listed
// in the manifest (for this spec, or for a spec that no longer exists), already holds exactly
// the generated content, or holds a file generated before the manifest existed, recognised by
// this spec's exact header at the line where the new content has it. A file listed for the
// spec and no longer generated is removed if it still carries a generated header, and else
// left in place (it was taken over by hand) and dropped from the manifest.
func plan(sets []Set) (*runPlan, error) {
	pl := &runPlan{}
	byRoot := map[string]*rootPlan{}
	for i, s := range sets {
		key, err := filepath.Abs(s.Root)
		if err != nil {
			return nil, err
		}
		r := byRoot[key]
		if r == nil {
			old, raw, err := readManifest(s.Root)
			if err != nil {
				return nil, err
			}
			r = &rootPlan{root: s.Root, manifestOnDisk: raw, current: raw, pending: old.clone(), final: old.clone()}
			byRoot[key] = r
			pl.roots = append(pl.roots, r)
		}
		if err := r.add(i, s, pl); err != nil {
			return nil, err
		}
	}
	for _, r := range pl.roots {
		r.findLeftovers()
	}
	return pl, nil
}

// add plans the files of set i in r.
func (r *rootPlan) add(i int, s Set, pl *runPlan) error {
	old := r.pending.clone() // as found, with this run's earlier sets
	problem := func(rel string, code diag.Code, format string, args ...any) {
		pl.problems = append(pl.problems, Problem{Set: i, Path: rel, Code: code, Msg: fmt.Sprintf(format, args...)})
	}
	var generated []string
	for _, f := range s.Files {
		rel := f.Path
		if clean, p, _ := outpath.Check(rel); p != "" || clean != rel {
			return fmt.Errorf("an emitter produced the output path %q, which is not valid (%s): a bug in metricgen", rel, p)
		}
		generated = append(generated, rel)
		target := filepath.Join(r.root, filepath.FromSlash(rel))
		fi, err := os.Lstat(target)
		if errors.Is(err, fs.ErrNotExist) {
			r.writes = append(r.writes, write{path: rel, content: f.Content})
			continue
		}
		if err != nil {
			return err
		}
		if !fi.Mode().IsRegular() {
			problem(rel, diag.OutputNotRegular, "%s", outpath.OnDisk(target, false))
			continue
		}
		content, err := os.ReadFile(target)
		if err != nil {
			return err
		}
		owner := old.owner(rel)
		if slices.Contains(old.Specs[s.Source], rel) {
			owner = s.Source
		}
		switch {
		case owner != "" && owner != s.Source && otherSpec(owner, s.Source):
			problem(rel, diag.OutputConflict, "is generated from %s, as %s says; two specs cannot write one file: give each spec its own output paths", owner, ManifestName)
			continue
		case bytes.Equal(content, f.Content):
		case owner != "" || sameHeader(content, f.Content, s.Source):
			r.writes = append(r.writes, write{path: rel, content: f.Content, old: content, existed: true})
		default:
			problem(rel, diag.OutputNotOwned, "exists, and metricgen did not generate it: %s does not list it, and it does not start with this spec's generated header; metricgen never overwrites such a file: move it away, or name another path", ManifestName)
			continue
		}
	}
	// Files the spec generated before and no longer does.
	for _, rel := range old.Specs[s.Source] {
		if slices.Contains(generated, rel) {
			continue
		}
		target := filepath.Join(r.root, filepath.FromSlash(rel))
		fi, err := os.Lstat(target)
		if err != nil || !fi.Mode().IsRegular() {
			continue // gone, or replaced by something else: not metricgen's any more
		}
		if content, err := os.ReadFile(target); err == nil && hasHeader(content) {
			r.removes = append(r.removes, rel)
		}
	}
	// The manifests: this spec's entry is what it generates now; a file it took over from a
	// spec that no longer exists leaves that spec's entry.
	r.final.Specs[s.Source] = generated
	for spec, files := range r.final.Specs {
		if spec != s.Source {
			r.final.Specs[spec] = slices.DeleteFunc(files, func(f string) bool { return slices.Contains(generated, f) })
		}
	}
	r.pending.Specs[s.Source] = append(r.pending.Specs[s.Source], generated...)
	return nil
}

// otherSpec reports whether owner, a spec named in a manifest, is a spec file that exists and
// is not source: a file listed for a spec that was renamed or deleted is free to take over.
func otherSpec(owner, source string) bool {
	a, err := os.Stat(owner)
	if err != nil || !a.Mode().IsRegular() {
		return false
	}
	b, err := os.Stat(source)
	return err != nil || !os.SameFile(a, b)
}

// findLeftovers lists the temporary files that runs of metricgen left beside the files the
// manifests name: a fixed name per target, so no search of the tree is needed.
func (r *rootPlan) findLeftovers() {
	known := append(r.pending.files(), ManifestName)
	for _, rel := range known {
		tmp := tempName(filepath.Join(r.root, filepath.FromSlash(rel)))
		if fi, err := os.Lstat(tmp); err == nil && fi.Mode().IsRegular() {
			rt, err := filepath.Rel(r.root, tmp)
			if err == nil {
				r.leftovers = append(r.leftovers, filepath.ToSlash(rt))
			}
		}
	}
}

// writeManifest brings the root's manifest to m: written atomically when it changes, removed
// when m is empty.
func (r *rootPlan) writeManifest(m Manifest) error {
	want := m.encode()
	if bytes.Equal(want, r.current) {
		return nil
	}
	p := filepath.Join(r.root, ManifestName)
	if want == nil {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		r.current = nil
		return nil
	}
	if err := os.MkdirAll(r.root, 0o755); err != nil {
		return err
	}
	tmp, err := writeTemp(p, want)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	r.current = want
	return nil
}

// restoreManifest puts the manifest back as it was found, after a failed run.
func (r *rootPlan) restoreManifest() {
	if bytes.Equal(r.current, r.manifestOnDisk) {
		return
	}
	p := filepath.Join(r.root, ManifestName)
	if r.manifestOnDisk == nil {
		os.Remove(p)
		return
	}
	os.WriteFile(p, r.manifestOnDisk, 0o644)
}

// headerLines is how far into a file the generated header is looked for: Go, YAML and
// Markdown files have it on line 1; Grafana's JSON, in the description on line 4.
const headerLines = 8

// sameHeader reports whether old carries source's generated header exactly where generated
// content has it: a file metricgen wrote for this spec before the manifest existed.
func sameHeader(old, generated []byte, source string) bool {
	mark := "Code generated by metricgen from " + source + ". DO NOT EDIT."
	newLines, oldLines := lines(generated, headerLines), lines(old, headerLines)
	for i, l := range newLines {
		if strings.Contains(l, mark) {
			return i < len(oldLines) && oldLines[i] == l
		}
	}
	return false
}

// hasHeader reports whether content carries a metricgen generated header near its top.
func hasHeader(content []byte) bool {
	for _, l := range lines(content, headerLines) {
		if strings.Contains(l, "Code generated by metricgen") && strings.Contains(l, "DO NOT EDIT.") {
			return true
		}
	}
	return false
}

func lines(b []byte, n int) []string {
	var out []string
	for len(out) < n && len(b) > 0 {
		line, rest, _ := bytes.Cut(b, []byte("\n"))
		out = append(out, string(line))
		b = rest
	}
	return out
}
