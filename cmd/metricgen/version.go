package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/metricgen/metricgen/internal/lazyregexp"
)

// modulePath is metricgen's module.
const modulePath = "github.com/metricgen/metricgen"

// buildInfo and executable describe the running binary; variables so tests can replace them.
var (
	buildInfo  = func() (*debug.BuildInfo, bool) { return debug.ReadBuildInfo() }
	executable = os.Executable
)

// toolCache matches where the go command keeps the binaries `go tool` builds for a module's
// tool directive: <GOCACHE>/<2 hex>/<hash>-d/<name>.
var toolCache = lazyregexp.New(`[/\\][0-9a-f]{2}[/\\][0-9a-f]{64}-d[/\\][^/\\]+$`)

// invocation is the command as the user runs it, for the hints metricgen prints: `go tool
// metricgen` when Go's tool directive runs it, else `metricgen`. The build information alone
// cannot tell: a tool build records metricgen as its main module at the version the service
// requires, exactly as `go install ...@version` does; but `go tool` runs the binary from the
// build cache, and a build whose main module is not metricgen is a dependency's build too.
func invocation() string {
	if bi, ok := buildInfo(); ok && bi.Main.Path != "" && bi.Main.Path != modulePath {
		return "go tool metricgen"
	}
	if exe, err := executable(); err == nil && toolCache.MatchString(exe) {
		return "go tool metricgen"
	}
	return "metricgen"
}

// pseudoRev is the revision at the end of a pseudo-version (v0.0.0-20261203180000-0123456789ab).
var pseudoRev = lazyregexp.New(`[.-](?:0\.)?\d{14}-([0-9a-f]{12})(?:\+incompatible)?$`)

// versionInfo describes the running binary: metricgen's module version, the VCS revision it
// was built from (from the build's VCS stamp, or the pseudo-version), and the Go toolchain.
func versionInfo() (version, revision string, modified bool, built string) {
	version, built = "(unknown)", runtime.Version()
	bi, ok := buildInfo()
	if !ok {
		return
	}
	built = bi.GoVersion
	mod := &bi.Main
	if bi.Main.Path != modulePath {
		mod = nil
		for _, d := range bi.Deps {
			if d.Path == modulePath {
				mod = d
				break
			}
		}
	}
	if mod != nil {
		version = mod.Version
		if mod.Replace != nil {
			version += " => " + mod.Replace.Path
			if mod.Replace.Version != "" {
				version += " " + mod.Replace.Version
			}
		}
		if m := pseudoRev.FindStringSubmatch(mod.Version); m != nil {
			revision = m[1]
		}
	}
	if mod == &bi.Main {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	return
}

const versionHelp = `Usage: metricgen version

Prints metricgen's module version, the VCS revision it was built from and the Go version that
built it. In a service repository: go tool metricgen version.
`

func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprint(stderr, versionHelp)
		if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
			return exitOK
		}
		return exitUsage
	}
	version, revision, modified, built := versionInfo()
	fmt.Fprintf(stdout, "metricgen %s\n", version)
	if revision != "" {
		if modified {
			revision += " (modified)"
		}
		fmt.Fprintf(stdout, "revision %s\n", revision)
	}
	fmt.Fprintf(stdout, "built with %s %s/%s\n", built, runtime.GOOS, runtime.GOARCH)
	return exitOK
}
