package outpath

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Resolve follows the symbolic links already on disk along rel (a path Check accepted) under
// root, and returns the path it really names, relative to the real root: two outputs that
// resolve to one path are one file, written twice. Parts that do not exist yet cannot be
// links and are kept as they are. problem is set when a link leads out of the root, into
// .git, or nowhere (a dangling link would be written through to wherever it points); the
// link is named relative to root, slash-separated.
func Resolve(root, rel string) (resolved, problem string) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return rel, "" // the root does not exist yet: nothing below it can be a link
	}
	realRoot, err = filepath.Abs(realRoot)
	if err != nil {
		return rel, ""
	}
	parts := strings.Split(rel, "/")
	cur := root
	for i, part := range parts {
		cur = filepath.Join(cur, part)
		shown := strings.Join(parts[:i+1], "/")
		fi, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			// Nothing below exists: the rest is as written, after what exists.
			return joinRel(parentReal(realRoot, cur), parts[i:]), ""
		}
		if err != nil {
			return rel, ""
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		real, err := filepath.EvalSymlinks(cur)
		if err != nil {
			target, _ := os.Readlink(cur)
			return rel, fmt.Sprintf("goes through the symbolic link %q, which points to %q, which does not exist; remove the link", shown, target)
		}
		real, _ = filepath.Abs(real)
		r, err := filepath.Rel(realRoot, real)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return rel, fmt.Sprintf("leads out of the output root through the symbolic link %q; write inside the output root", shown)
		}
		for _, name := range strings.Split(filepath.ToSlash(r), "/") {
			if strings.EqualFold(name, ".git") {
				return rel, fmt.Sprintf("leads into .git through the symbolic link %q; write outside it", shown)
			}
		}
	}
	real, err := filepath.EvalSymlinks(cur)
	if err != nil {
		return rel, ""
	}
	r, err := filepath.Rel(realRoot, real)
	if err != nil {
		return rel, ""
	}
	return filepath.ToSlash(r), ""
}

// parentReal is the real path of p's folder, relative to realRoot, slash-separated; "." for
// the root itself.
func parentReal(realRoot, p string) string {
	dir, err := filepath.EvalSymlinks(filepath.Dir(p))
	if err != nil {
		return "."
	}
	dir, _ = filepath.Abs(dir)
	r, err := filepath.Rel(realRoot, dir)
	if err != nil {
		return "."
	}
	return filepath.ToSlash(r)
}

func joinRel(dir string, rest []string) string {
	if dir == "." {
		return strings.Join(rest, "/")
	}
	return dir + "/" + strings.Join(rest, "/")
}

// OnDisk says what stands at target that metricgen cannot replace: for a file, anything but
// a regular file (a folder, a symbolic link, a FIFO, a device); for a folder, anything but a
// folder. "" when nothing is there, or something it can write.
func OnDisk(target string, folder bool) string {
	fi, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) || err != nil {
		return ""
	}
	mode := fi.Mode()
	if folder {
		if st, err := os.Stat(target); err == nil && !st.IsDir() {
			return "is an existing file; the generated Go package needs a folder there: move the file, or set go.out"
		}
		return ""
	}
	switch {
	case mode.IsRegular():
		return ""
	case mode.IsDir():
		return "is an existing folder; metricgen writes a file there: name a file, or move the folder"
	case mode&fs.ModeSymlink != 0:
		return "is a symbolic link; metricgen writes regular files and never replaces a link: remove the link, or name another path"
	}
	return fmt.Sprintf("is a %s, not a regular file; metricgen writes a file there: remove it, or name another path", kindOf(mode))
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}
