package redact

import (
	"github.com/metricgen/metricgen/internal/model"
)

// The golden cases, as hand-built models. Each has a spec.yaml under testdata/golden/<name>/
// that describes the same thing (TestSpecFiles checks that both generate the same redact.go).
var cases = []struct {
	name string
	spec func() *model.Spec
}{
	{"redact-klaviyo", klaviyoSpec},
	{"redact-globs", globsSpec},
	{"redact-minimal", minimalSpec},
}

// spec returns a model with the parts Generate reads; the validator fills in the rest.
func spec(pkg, dir, keyEnv string, rules ...*model.RedactRule) *model.Spec {
	return &model.Spec{
		Source:  "spec.yaml",
		Go:      &model.GoPackage{Name: pkg, Dir: dir},
		Logging: &model.Logging{HashKeyEnv: keyEnv, Rules: rules},
	}
}

func rule(key string, action model.RedactAction) *model.RedactRule {
	return &model.RedactRule{Key: key, Action: action}
}

func mask(key string, keep int) *model.RedactRule {
	return &model.RedactRule{Key: key, Action: model.Mask, Keep: keep}
}

// klaviyoSpec has the rules of the contract's example, and the three shapes of pattern.
func klaviyoSpec() *model.Spec {
	return spec("klaviyometrics", "internal/klaviyometrics", "LOG_HASH_KEY",
		mask("email", 3),
		rule("phone", model.Remove),
		rule("api_key", model.Redact),
		rule("user_id", model.Hash),
		rule("*_token", model.Redact),
		rule("password*", model.Redact),
		rule("*secret*", model.Redact),
	)
}

// globsSpec has patterns with a prefix and a suffix and with several middle parts, upper-case
// keys, an exact key that an earlier pattern shadows, mask keeping nothing, and a hash key
// variable of its own.
func globsSpec() *model.Spec {
	return spec("checkoutmetrics", "pkg/telemetry/checkoutmetrics", "CHECKOUT_LOG_KEY",
		rule("*_ID", model.Hash),
		rule("customer_id", model.Remove),
		rule("x-*-auth", model.Redact),
		mask("*card*number*", 4),
		rule("Session*", model.Hash),
		mask("iban", 0),
		rule("*cvv", model.Remove),
		mask("ip", 2),
	)
}

// minimalSpec has exact keys only, and neither mask nor hash: no key to read from the
// environment.
func minimalSpec() *model.Spec {
	return spec("mailermetrics", "mailermetrics", "LOG_HASH_KEY",
		rule("to", model.Redact),
		rule("subject", model.Remove),
	)
}
