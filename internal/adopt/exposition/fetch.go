package exposition

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// MaxSize bounds what is read from a file or URL: a real exposition is a few megabytes, and
// a wrong URL (a download, a stream) must not fill the memory.
const MaxSize = 64 << 20

// accept asks for the text format first (client_golang's names, exactly as registered), then
// OpenMetrics 1.0 and 0.0.1, which Parse reads as well.
const accept = "text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.7,*/*;q=0.1"

// Read reads and parses the exposition at src: an http:// or https:// URL (fetched with the
// timeout), "-" for standard input, or a file path.
func Read(ctx context.Context, src string, timeout time.Duration, stdin io.Reader) (*Exposition, error) {
	var body []byte
	var contentType string
	var err error
	switch {
	case strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://"):
		body, contentType, err = fetch(ctx, src, timeout)
	case src == "-":
		body, err = readAll(stdin)
	default:
		var f *os.File
		if f, err = os.Open(src); err == nil {
			body, err = readAll(f)
			f.Close()
		}
	}
	if err != nil {
		return nil, err
	}
	return Parse(body, contentType)
}

func readAll(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err == nil && len(b) > MaxSize {
		err = fmt.Errorf("more than %d MiB; is it an exposition?", MaxSize>>20)
	}
	return b, err
}

func fetch(ctx context.Context, url string, timeout time.Duration) ([]byte, string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Accept", accept)
	req.Header.Set("User-Agent", "metricgen-init")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, "", fmt.Errorf("no answer within %s (raise --timeout, or save the exposition to a file with curl and pass the file)", timeout)
		}
		return nil, "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		return nil, "", fmt.Errorf("GET %s: %s: %s", url, resp.Status, strings.TrimSpace(string(snippet)))
	}
	body, err := readAll(resp.Body)
	if err != nil {
		return nil, "", fmt.Errorf("GET %s: %w", url, err)
	}
	ct := resp.Header.Get("Content-Type")
	if !strings.HasPrefix(ct, "application/openmetrics-text") {
		ct = "" // text/plain, or a server that says nothing useful: let Parse look at the body
	}
	return body, ct, nil
}
