// Package layers holds no code, only a test: that iamc's packages import
// each other only in the direction DESIGN.md section 1 sets out
// (internal/cli → {lang, apply, provider/*} → {plan, provider} → op →
// model → policy → catalog), checked with `go list -deps`.
package layers
