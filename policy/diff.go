package policy

import (
	"strconv"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffContext is the number of unchanged lines around each change.
const diffContext = 3

// Diff is the unified diff of the Pretty forms of two documents, as plans
// show a changed document: "--- before" and "+++ after" headers, then
// hunks of changed lines with 3 lines of context. A nil document diffs as
// the empty text. It is "" when the documents are Equal.
func Diff(before, after *Document) string {
	if Equal(before, after) {
		return ""
	}
	return unifiedDiff(prettyLines(before), prettyLines(after))
}

// prettyLines is Pretty with a final newline, "" for nil.
func prettyLines(d *Document) string {
	if d == nil {
		return ""
	}
	return Pretty(d) + "\n"
}

// diffLine is one line of a diff: ' ' kept, '-' removed, '+' added.
type diffLine struct {
	op   byte
	text string // with its newline
}

// unifiedDiff diffs two texts of whole lines, line by line (go-diff in
// line mode, without a time limit, so the result is deterministic).
func unifiedDiff(a, b string) string {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	ra, rb, lines := dmp.DiffLinesToRunes(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines)

	var all []diffLine
	for _, d := range diffs {
		op := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = '-'
		case diffmatchpatch.DiffInsert:
			op = '+'
		}
		for text := d.Text; text != ""; {
			i := strings.IndexByte(text, '\n') + 1
			if i == 0 {
				i = len(text)
			}
			all = append(all, diffLine{op, text[:i]})
			text = text[i:]
		}
	}
	removalsFirst(all)

	var out strings.Builder
	out.WriteString("--- before\n+++ after\n")
	for start := 0; start < len(all); {
		first := nextChange(all, start)
		if first < 0 {
			break
		}
		// A hunk runs from the context before its first change to the
		// context after its last, taking in changes whose context meets.
		last := first
		for {
			n := nextChange(all, last+1)
			if n < 0 || n-last > 2*diffContext {
				break
			}
			last = n
		}
		from, to := max(first-diffContext, 0), min(last+diffContext+1, len(all))
		writeHunk(&out, all, from, to)
		start = to
	}
	return out.String()
}

// removalsFirst orders each run of changed lines as removals, then
// additions, as unified diffs show them.
func removalsFirst(all []diffLine) {
	for i := 0; i < len(all); {
		if all[i].op == ' ' {
			i++
			continue
		}
		j := i
		for j < len(all) && all[j].op != ' ' {
			j++
		}
		run := append([]diffLine(nil), all[i:j]...)
		k := i
		for _, op := range []byte{'-', '+'} {
			for _, l := range run {
				if l.op == op {
					all[k] = l
					k++
				}
			}
		}
		i = j
	}
}

// nextChange is the index of the first changed line at or after i, or -1.
func nextChange(all []diffLine, i int) int {
	for ; i < len(all); i++ {
		if all[i].op != ' ' {
			return i
		}
	}
	return -1
}

// writeHunk writes the lines all[from:to] with their @@ header.
func writeHunk(out *strings.Builder, all []diffLine, from, to int) {
	oldStart, newStart := 1, 1
	for _, l := range all[:from] {
		if l.op != '+' {
			oldStart++
		}
		if l.op != '-' {
			newStart++
		}
	}
	oldCount, newCount := 0, 0
	for _, l := range all[from:to] {
		if l.op != '+' {
			oldCount++
		}
		if l.op != '-' {
			newCount++
		}
	}
	// An empty side is numbered by the line before it, as diff -u does.
	if oldCount == 0 {
		oldStart--
	}
	if newCount == 0 {
		newStart--
	}
	out.WriteString("@@ -" + hunkRange(oldStart, oldCount) + " +" + hunkRange(newStart, newCount) + " @@\n")
	for _, l := range all[from:to] {
		out.WriteByte(l.op)
		out.WriteString(l.text)
		if !strings.HasSuffix(l.text, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange is "start,count", or "start" for one line.
func hunkRange(start, count int) string {
	if count == 1 {
		return strconv.Itoa(start)
	}
	return strconv.Itoa(start) + "," + strconv.Itoa(count)
}
