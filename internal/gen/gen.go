// Package gen defines what an emitter produces and runs every emitter over a model. Emitters
// live in one subpackage per target and never touch the disk: writing and drift checking
// belong to package output.
package gen

// File is one generated file. Path is slash-separated and relative to the output root.
type File struct {
	Path    string
	Content []byte
}
