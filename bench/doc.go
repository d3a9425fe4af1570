// Package bench holds iamc's benchmarks of the whole pipeline on a large
// generated organisation (bench/orggen): hclsyntax parsing alone (the
// floor), validate + plan against an empty memory account, and a no-op
// plan against the applied account; and iamc validate on shapes that
// each stress one path (many warnings, many bad references, a 13.2 MB
// configuration, many files), each beside the parse floor of its own
// files. run.sh prints the figures; serve.sh times applies through iamc
// serve; reads.sh counts the IAM calls a no-op plan makes to read the
// served organisation. Nothing here runs as a timed test.
package bench
