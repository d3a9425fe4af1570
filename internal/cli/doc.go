// Package cli holds iamc's commands (cobra): the only package that touches
// stdout, stderr, exit codes and terminals. Each command parses its flags
// into a struct, calls lang, plan, apply and the providers, and hands the
// result to a view. cmd/iamc/main.go is one line: os.Exit(cli.Main()).
package cli
