package markdown

import "testing"

func TestCode(t *testing.T) {
	for in, want := range map[string]string{
		"a":      "`a`",
		"a`b":    "``a`b``",
		"`a":     "`` `a ``",
		"a``b`c": "```a``b`c```",
		"":       "`  `",
		"a\nb":   "`a\\nb`",
	} {
		if got := Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":        "plain text",
		`"*:*" and a_b`:     `"\*:\*" and a\_b`,
		"policies = [] | x": `policies = \[\] \| x`,
		"<script> `x` \\":   "&lt;script&gt; \\`x\\` \\\\",
		// The escapes' backslashes are escaped too: the page shows \n.
		"line\nbreak\x1b[31m":  `line\\nbreak\\u001b\[31m`,
		"[!WARNING] not alert": `\[!WARNING\] not alert`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}
