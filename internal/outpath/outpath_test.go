package outpath

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	_ "github.com/metricgen/metricgen/internal/golden" // defines -update, which go test ./... passes to every package
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		in, clean string
		outside   bool // the problem is leaving the root
	}{
		{in: "docs/shop.md", clean: "docs/shop.md"},
		{in: "./docs//shop.md", clean: "docs/shop.md"},
		{in: "docs/./a/b.md", clean: "docs/a/b.md"},
		{in: "a.b.c/d-e_f/g h.md", clean: "a.b.c/d-e_f/g h.md"},
		{in: "über/résumé.md", clean: "über/résumé.md"},
		{in: ".github/x.yml", clean: ".github/x.yml"},
		{in: "console/com10.md", clean: "console/com10.md"},
		{in: "gitignore/.gitx", clean: "gitignore/.gitx"},
		{in: ""},
		{in: "  "},
		{in: "."},
		{in: "./"},
		{in: "a/..", outside: true},
		{in: "../a", outside: true},
		{in: "a/../../b", outside: true},
		{in: "/etc/passwd", outside: true},
		{in: "//server/share/x", outside: true},
		{in: "C:/x", outside: true},
		{in: "c:x", outside: true},
		{in: `a\b`},
		{in: "a:b", outside: true}, {in: "ab:c"},
		{in: "a\x00b"},
		{in: "a\nb"},
		{in: "a\rb"},
		{in: "a\tb"},
		{in: "a\x7fb"},
		{in: "a\u0085b"},
		{in: "a\xffb"},
		{in: "a<b"}, {in: "a>b"}, {in: `a"b`}, {in: "a|b"}, {in: "a?b"}, {in: "a*b"},
		{in: "CON"}, {in: "con.md"}, {in: "x/Nul.txt"}, {in: "aux"}, {in: "prn.tar.gz"},
		{in: "COM1"}, {in: "lpt9.x"}, {in: "com¹"}, {in: "LPT0"}, {in: "conin$"}, {in: "CON .md"},
		{in: "docs./x.md"}, {in: "x.md."}, {in: "x.md "}, {in: "dir /x"},
		{in: ".git"}, {in: ".git/config"}, {in: "a/.GIT/b"}, {in: ".Git/x"},
		{in: Manifest}, {in: "sub/" + strings.ToUpper(Manifest)}, {in: "x.yml" + TempSuffix}, {in: "a" + strings.ToUpper(TempSuffix)},
	} {
		clean, problem, outside := Check(tc.in)
		if clean != tc.clean || (problem == "") != (tc.clean != "") || outside != tc.outside {
			t.Errorf("Check(%q) = %q, %q, %v; want %q, outside %v", tc.in, clean, problem, outside, tc.clean, tc.outside)
		}
	}
}

func TestFold(t *testing.T) {
	for _, tc := range [][2]string{
		{"Docs/Shop.MD", "docs/shop.md"},
		{"ÜBER", "über"},
		{"\u212a", "k"}, // Kelvin sign
		{"ß", "ß"},
		{"ΣΑΣ", "σας"},
	} {
		if Fold(tc[0]) != Fold(tc[1]) {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q; want equal", tc[0], Fold(tc[0]), tc[1], Fold(tc[1]))
		}
	}
	if Fold("a") == Fold("b") {
		t.Error("Fold(a) == Fold(b)")
	}
}

func TestCollide(t *testing.T) {
	file := func(p string) Output { return Output{Path: p} }
	dir := func(p string) Output { return Output{Path: p, Folder: true} }
	for _, tc := range []struct {
		a, b Output
		want Collision
	}{
		{file("a/b.md"), file("a/b.md"), Same},
		{file("a/B.md"), file("A/b.MD"), Same},
		{file("a"), file("a/b.md"), Inside},
		{file("a/b.md"), file("a"), None},
		{file("a"), file("ab/c"), None},
		{dir("pkg"), file("pkg/x.go"), InFolder},
		{dir("pkg"), file("pkg/X.GO"), InFolder},
		{dir("pkg"), file("pkg/README.md"), None},
		{dir("pkg"), file("pkg/sub/x.go"), None},
		{dir("pkg"), dir("pkg/sub"), None},
		{dir("pkg"), file("pkg"), Same},
		{dir("pkg"), dir("PKG"), Same},
	} {
		if got := Collide(tc.a, tc.b); got != tc.want {
			t.Errorf("Collide(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestResolve builds a tree of links and checks where each path leads.
func TestResolve(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	for _, d := range []string{"real/sub", ".git"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"alias":    "real",
		"real/up":  "..",
		"out":      outside,
		"dangling": "nowhere",
		"vcs":      ".git",
		"deep":     "real/sub",
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	for _, tc := range []struct {
		rel, want string
		problem   string // a substring
	}{
		{rel: "new/x.md", want: "new/x.md"},
		{rel: "real/x.md", want: "real/x.md"},
		{rel: "alias/x.md", want: "real/x.md"},
		{rel: "alias/sub/x.md", want: "real/sub/x.md"},
		{rel: "deep/x.md", want: "real/sub/x.md"},
		{rel: "real/up/alias/x.md", want: "real/x.md"},
		{rel: "out/x.md", problem: `leads out of the output root through the symbolic link "out"`},
		{rel: "dangling/x.md", problem: `"dangling", which points to "nowhere", which does not exist`},
		{rel: "vcs/hooks/x", problem: `leads into .git through the symbolic link "vcs"`},
	} {
		got, problem := Resolve(root, tc.rel)
		if tc.problem != "" {
			if !strings.Contains(problem, tc.problem) {
				t.Errorf("Resolve(%q) problem %q, want %q", tc.rel, problem, tc.problem)
			}
			continue
		}
		if got != tc.want || problem != "" {
			t.Errorf("Resolve(%q) = %q, %q; want %q", tc.rel, got, problem, tc.want)
		}
	}
	// A root that does not exist yet: nothing is a link.
	if got, problem := Resolve(filepath.Join(root, "missing"), "a/b"); got != "a/b" || problem != "" {
		t.Errorf("Resolve under a missing root = %q, %q", got, problem)
	}
}

// FuzzOutputPath checks the rule's promises on any input: an accepted path is local (no
// way out of the root on any system), clean, portable (no control characters, nothing
// Windows refuses or rewrites), accepted again as it is; Fold identifies what a
// case-insensitive file system does; and Collide is consistent.
func FuzzOutputPath(f *testing.F) {
	for _, s := range []string{"docs/shop.md", "a/../b", "../x", "/abs", "C:x", `a\b`, "CON", "con.md", "x.", "x ", ".git/x", "a//b/./c", "ÜBER/straße", "a\x00b", "a\nb", "com¹", "\u212a", Manifest, "x" + TempSuffix} {
		f.Add(s, "docs/SHOP.md")
	}
	f.Fuzz(func(t *testing.T, p, q string) {
		clean, problem, outside := Check(p)
		if outside && problem == "" {
			t.Fatalf("Check(%q): outside without a problem", p)
		}
		if problem != "" {
			if clean != "" {
				t.Fatalf("Check(%q) = %q with problem %q", p, clean, problem)
			}
			return
		}
		if !filepath.IsLocal(filepath.FromSlash(clean)) || !filepath.IsLocal(clean) {
			t.Fatalf("Check(%q) = %q, which is not local", p, clean)
		}
		if again, problem, _ := Check(clean); again != clean || problem != "" {
			t.Fatalf("Check(%q) = %q, but Check(%q) = %q, %q", p, clean, clean, again, problem)
		}
		for _, name := range strings.Split(clean, "/") {
			switch {
			case name == "" || name == "." || name == "..":
				t.Fatalf("Check(%q) = %q, with the name %q", p, clean, name)
			case strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
				t.Fatalf("Check(%q) = %q: %q ends in '.' or ' '", p, clean, name)
			case strings.ContainsAny(name, "\\:*?\"<>|"):
				t.Fatalf("Check(%q) = %q: %q has a character Windows refuses", p, clean, name)
			case strings.IndexFunc(name, unicode.IsControl) >= 0:
				t.Fatalf("Check(%q) = %q: %q has a control character", p, clean, name)
			case reservedDevice(name), strings.EqualFold(name, ".git"):
				t.Fatalf("Check(%q) = %q: %q is reserved", p, clean, name)
			}
		}
		// Fold: the same for every spelling a case-insensitive system equates.
		if Fold(Fold(clean)) != Fold(clean) || Fold(strings.ToUpper(clean)) != Fold(strings.ToLower(clean)) && strings.EqualFold(strings.ToUpper(clean), strings.ToLower(clean)) {
			t.Fatalf("Fold(%q) is not stable", clean)
		}
		if q2, problem, _ := Check(q); problem == "" {
			if strings.EqualFold(clean, q2) != (Fold(clean) == Fold(q2)) {
				t.Fatalf("EqualFold(%q, %q) disagrees with Fold", clean, q2)
			}
			a, b := Output{Path: clean}, Output{Path: q2}
			ab, ba := Collide(a, b), Collide(b, a)
			if (ab == Same) != (ba == Same) || ab == Inside && ba != None {
				t.Fatalf("Collide(%q, %q) = %v, reverse %v", clean, q2, ab, ba)
			}
		}
		if Collide(Output{Path: clean}, Output{Path: clean}) != Same {
			t.Fatalf("Collide(%q, itself) is not Same", clean)
		}
	})
}
