// Package outpath owns the rule every output path follows, so that a spec written on one
// system generates the same files on every other, inside the output root and nowhere else:
// the portable-name rule (Check), the comparison of paths as a case-insensitive file system
// sees them (Fold), how two outputs may collide (Conflicts), and where a path leads through
// the symbolic links already on disk (Resolve). Validation applies it to each spec, the
// command line across specs, and package output to the paths a manifest names.
package outpath

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reserved names metricgen keeps for itself in an output root: the manifest of the files it
// generated, and the temporary files of an interrupted run (see package output). No output
// may take them.
const (
	Manifest   = ".metricgen-manifest.json"
	TempSuffix = ".metricgen-tmp"
)

// Check applies the portable-path rule to p, a path relative to the output root as a spec
// writes it. It returns the cleaned, slash-separated path, or a problem: what is wrong and
// what to do, to follow "<key> <p> "; outside says the problem is that p leaves the root
// (absolute, or through ".."). One rule for every output, so that the same spec
// generates the same tree on Linux, macOS and Windows:
//
//   - relative, with '/' between folders: no leading '/', no drive or UNC prefix, no '\',
//     and no '..' (a path never leaves the output root);
//   - valid UTF-8 without control characters (NUL, line breaks, tabs: they break the tools
//     that list files, and a manifest);
//   - none of the characters Windows refuses in names: < > : " | ? *;
//   - no name that Windows reserves for a device (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with
//     or without an extension), and no name that ends in '.' or ' ' (Windows drops them, so
//     "docs." and "docs" would be one folder);
//   - not inside .git, and not one of the names metricgen keeps for itself.
func Check(p string) (clean, problem string, outside bool) {
	switch {
	case strings.TrimSpace(p) == "":
		return "", "is empty; give a path relative to the output root, or remove the key", false
	case !utf8.ValidString(p):
		return "", "is not valid UTF-8; name it in UTF-8", false
	}
	if i := strings.IndexFunc(p, unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(p[i:])
		return "", fmt.Sprintf("contains the control character %s; file names must not", controlName(r)), false
	}
	switch {
	case strings.Contains(p, `\`):
		return "", "uses '\\'; write paths with '/' so the spec works on every system", false
	case strings.HasPrefix(p, "/") || hasDrive(p):
		return "", "is absolute; output paths are relative to the output root (the spec's folder, or --out DIR)", true
	}
	parts := strings.Split(p, "/")
	if slices.Contains(parts, "..") {
		return "", "contains '..'; output paths must stay inside the output root", true
	}
	if i := strings.IndexAny(p, `<>:"|?*`); i >= 0 {
		return "", fmt.Sprintf("contains '%s', which Windows does not allow in file names; rename it", p[i:i+1]), false
	}
	clean = path.Clean(p)
	if clean == "." {
		return "", "names the output root itself; name a file or folder inside it", false
	}
	for _, part := range strings.Split(clean, "/") {
		if problem := checkName(part); problem != "" {
			return "", problem, false
		}
	}
	return clean, "", false
}

// checkName applies the rule to one name of a cleaned path.
func checkName(name string) string {
	switch {
	case strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
		return fmt.Sprintf("has the name %q, which ends in %s: Windows drops it, so two different paths would name one file; remove it", name, map[bool]string{true: "'.'", false: "a space"}[strings.HasSuffix(name, ".")])
	case reservedDevice(name):
		return fmt.Sprintf("has the name %q, which Windows reserves for a device (CON, PRN, AUX, NUL, COM1-9, LPT1-9, whatever the extension); rename it", name)
	case strings.EqualFold(name, ".git"):
		return "is inside .git, which belongs to git; write outside it"
	case strings.EqualFold(name, Manifest):
		return fmt.Sprintf("is named %s, which metricgen keeps for its list of generated files; rename it", Manifest)
	case len(name) > len(TempSuffix) && strings.EqualFold(name[len(name)-len(TempSuffix):], TempSuffix):
		return fmt.Sprintf("ends in %s, which metricgen keeps for its temporary files; rename it", TempSuffix)
	}
	return ""
}

// reservedDevice reports whether name is one of Windows' device names, which no folder can
// hold a file of: CON, PRN, AUX, NUL, COM0-9, LPT0-9 (and the superscript digits Windows
// also reads), CONIN$, CONOUT$, with any extension ("con.md" too), in any case.
func reservedDevice(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) >= 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		switch base[3:] {
		case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return true
		}
	}
	return false
}

func hasDrive(p string) bool {
	return len(p) >= 2 && p[1] == ':' && (p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z')
}

func controlName(r rune) string {
	switch r {
	case 0:
		return "NUL"
	case '\n':
		return "line feed (\\n)"
	case '\r':
		return "carriage return (\\r)"
	case '\t':
		return "tab"
	}
	return fmt.Sprintf("%U", r)
}

// Fold returns the form of a cleaned path under which a case-insensitive file system (macOS
// and Windows by default) sees it: two paths with the same Fold are one file there. Each
// letter is replaced by the smallest letter of its Unicode case-folding orbit (K, k and the
// Kelvin sign all fold to K).
func Fold(p string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, p)
}

// Output is one path an output claims under the root: a file, or the folder of a generated
// Go package, whose .go files directly inside it belong to the package.
type Output struct {
	Path   string // cleaned and slash-separated, as Check returns it
	Folder bool
}

// Collision says how two outputs collide.
type Collision int

const (
	None     Collision = iota
	Same               // one path (as a case-insensitive file system sees it): one output would overwrite the other
	Inside             // the second is inside the first, a file, which would have to be a folder
	InFolder           // the second is a .go file inside the first, the folder of a Go package
)

// Collide reports how outputs a and b collide, seen from a (Inside: b is inside a).
func Collide(a, b Output) Collision {
	fa, fb := Fold(a.Path), Fold(b.Path)
	switch {
	case fa == fb:
		return Same
	case !strings.HasPrefix(fb, fa+"/"):
		return None
	case !a.Folder:
		return Inside
	case path.Dir(fb) == fa && !b.Folder && strings.EqualFold(path.Ext(fb), ".go"):
		return InFolder
	}
	return None
}
