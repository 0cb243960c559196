package goredact

// redactMaskString keeps the first keep runes of s and replaces the rest with "***"; a value of
// keep runes or fewer is masked whole, so that "***" never follows the whole value.
func redactMaskString(s string, keep int) string {
	for i := range s {
		if keep == 0 {
			return s[:i] + "***"
		}
		keep--
	}
	return "***"
}
