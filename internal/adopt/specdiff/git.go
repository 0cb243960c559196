package specdiff

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// FromGit reads the version of the spec at path that git holds at the merge base of ref and
// HEAD (for a pull request: the commit the branch started from, so that what happened on the
// base branch since is not counted as this change), or at ref itself when they share no
// history. found is false when that commit has no such file (a new spec).
func FromGit(ctx context.Context, ref, path string) (src []byte, commit string, found bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	dir, base := filepath.Dir(path), filepath.Base(path)
	if _, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return nil, "", false, fmt.Errorf("git does not know %q here (in CI, fetch it: actions/checkout with fetch-depth: 0): %v", ref, err)
	}
	commit = ref
	if mb, err := git(ctx, dir, "merge-base", ref, "HEAD"); err == nil {
		commit = strings.TrimSpace(string(mb))
	}
	src, err = git(ctx, dir, "show", commit+":./"+base)
	if err != nil {
		if strings.Contains(err.Error(), "does not exist") || strings.Contains(err.Error(), "exists on disk, but not in") {
			return nil, commit, false, nil
		}
		return nil, commit, false, err
	}
	return src, commit, true, nil
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && stderr.Len() > 0 {
			return nil, errors.New(strings.TrimSpace(stderr.String()))
		}
		return nil, err
	}
	return stdout.Bytes(), nil
}
