package validate

import "strings"

// closest returns the candidate nearest to name by edit distance, or "" when none is near
// enough to be a plausible typo (at most a third of the name's length, and at least 1). When
// none is, a candidate that name extends by a word ("runbook_url" for "runbook") or that
// extends name by one ("bucket" for "buckets_max") is taken, if there is exactly one.
func closest(name string, candidates []string) string {
	best, bestDist := "", len(name)/3+1
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestDist || (d == bestDist && best != "" && c < best) {
			best, bestDist = c, d
		}
	}
	if best == "" {
		var words []string
		for _, c := range candidates {
			if strings.HasPrefix(name, c+"_") || strings.HasSuffix(name, "_"+c) ||
				strings.HasPrefix(c, name+"_") || strings.HasSuffix(c, "_"+name) {
				words = append(words, c)
			}
		}
		if len(words) == 1 {
			best = words[0]
		}
	}
	if best == name {
		return ""
	}
	return best
}

// didYouMean returns `; did you mean "x"?` for the closest candidate, or "".
func didYouMean(name string, candidates []string) string {
	if c := closest(name, candidates); c != "" {
		return `; did you mean "` + c + `"?`
	}
	return ""
}

// editDistance is the optimal string alignment distance between a and b, in bytes: the
// Levenshtein distance where swapping two neighbours ("hepl" for "help") is one edit.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
