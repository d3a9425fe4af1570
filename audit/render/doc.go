// Package render writes an audit's findings (package audit) as text
// grouped by severity, JSON, Markdown, and SARIF 2.1.0 for code-scanning
// tools. It does no I/O beyond the writer it is given; the CLI picks the
// format.
package render
