// Command checksdoc writes docs/checks.md, the reference of every check code, from the
// registry in package diag: go generate ./internal/diag (or make docs).
package main

import (
	"fmt"
	"os"

	"github.com/metricgen/metricgen/internal/diag"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: checksdoc FILE")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], []byte(diag.Markdown()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "checksdoc:", err)
		os.Exit(1)
	}
}
