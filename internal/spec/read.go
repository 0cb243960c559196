package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"unicode/utf8"

	"github.com/metricgen/metricgen/internal/diag"
)

// MaxSize is the largest spec metricgen reads, in bytes: hundreds of times any real spec, and
// small enough that a wrong argument (/dev/zero, a log file, a FIFO nobody closes) fails fast
// instead of filling memory.
const MaxSize = 16 << 20

// ErrTooLarge is returned for input longer than MaxSize.
var ErrTooLarge = fmt.Errorf("the spec is larger than %d MB, the most metricgen reads; is this the right file? Split a spec this large into one spec per component", MaxSize>>20)

// Read reads a spec from r, never more than MaxSize+1 bytes.
func Read(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(r, MaxSize+1)); err != nil {
		return nil, err
	}
	if buf.Len() > MaxSize {
		return nil, ErrTooLarge
	}
	return buf.Bytes(), nil
}

// ReadFile reads the spec at path (see Read). A folder is refused before reading.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a folder, not a spec file")}
	}
	return Read(f)
}

// badChar finds the first character YAML does not allow in src (a control character, a
// byte that is not UTF-8, a non-character), as go-yaml's reader checks them, and says what it
// is. go-yaml names such a problem without a position; this finds it. ok is false for UTF-16
// input (a byte order mark), which go-yaml decodes itself.
func badChar(src []byte) (off int, what string, ok bool) {
	if bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) {
		return 0, "", false
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return i, fmt.Sprintf("the byte 0x%02X is not UTF-8; save the file as UTF-8", src[i]), true
		case r == 0:
			return i, "a NUL byte; a spec is text: remove it (is this a binary file?)", true
		case !yamlChar(r):
			return i, fmt.Sprintf("the control character %U, which YAML does not allow; remove it, or write it as an escape in a double-quoted string", r), true
		}
		i += size
	}
	return 0, "", false
}

// yamlChar reports whether YAML 1.1 allows r in a document (its "printable" set).
func yamlChar(r rune) bool {
	switch {
	case r == 0x09, r == 0x0A, r == 0x0D, r >= 0x20 && r <= 0x7E, r == 0x85:
		return true
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// readerProblems are go-yaml's errors about characters, which carry no position.
var readerProblems = []string{
	"control characters are not allowed",
	"invalid leading UTF-8 octet",
	"incomplete UTF-8 octet sequence",
	"invalid trailing UTF-8 octet",
	"invalid length of a UTF-8 sequence",
	"invalid Unicode character",
}

// charError returns the position and message of a character problem in src, if any.
func charError(src []byte) (diag.Pos, string, bool) {
	off, what, ok := badChar(src)
	if !ok {
		return diag.Pos{}, "", false
	}
	return offsetPos(src, off), "invalid YAML: " + what, true
}
