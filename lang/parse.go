package lang

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
)

// source is a configuration file being read and parsed.
type source struct {
	name    string // within the configuration directory
	path    string
	src     []byte
	err     error           // reading it
	nested  *hcl.Diagnostic // it nests too deeply to be parsed
	file    *hcl.File
	diags   hcl.Diagnostics
	decoded *decoded
}

// parseSources reads, parses and decodes the files on every core: each
// native-syntax file in pieces cut between top-level blocks (splitFile),
// joined again into the file hclsyntax would make of the whole; a file
// whose pieces do not parse cleanly is parsed whole, so that its errors
// are hclsyntax's own. The files are independent until references are
// resolved.
//
// Each file is read with read (which bounds and confines it), and checked
// for nesting (nestingProblem) before any parser recurses on it.
func parseSources(sources []source, read func(name string) ([]byte, error)) {
	type task struct {
		file    int
		piece   piece
		whole   bool
		body    *hclsyntax.Body
		hcl     *hcl.File // whole files
		diags   hcl.Diagnostics
		decoded *decoded
	}
	// Read the files and cut them in pieces, then parse and decode the
	// pieces.
	pieces := make([][]piece, len(sources))
	inParallel(len(sources), func(i int) {
		f := &sources[i]
		if f.src, f.err = read(f.name); f.err != nil {
			return
		}
		if d := nestingProblem(f.path, f.src, strings.HasSuffix(f.path, ".json")); d != nil {
			f.nested = d
			return
		}
		if !strings.HasSuffix(f.path, ".json") {
			pieces[i] = splitFile(f.src, pieceSize)
		}
	})
	var tasks []task
	first := make([]int, len(sources)+1) // sources[i]'s tasks start at first[i]
	for i, f := range sources {
		first[i] = len(tasks)
		switch {
		case f.err != nil, f.nested != nil:
		case len(pieces[i]) == 0:
			tasks = append(tasks, task{file: i, whole: true})
		default:
			for _, p := range pieces[i] {
				tasks = append(tasks, task{file: i, piece: p})
			}
		}
	}
	first[len(sources)] = len(tasks)
	run := func(t *task) {
		f := &sources[t.file]
		switch {
		case !t.whole:
			t.body, t.diags = parsePiece(f.src, f.path, t.piece)
		case strings.HasSuffix(f.path, ".json"):
			t.hcl, t.diags = hcljson.Parse(f.src, f.path)
		default:
			t.hcl, t.diags = hclsyntax.ParseConfig(f.src, f.path, hcl.InitialPos)
		}
		switch {
		case t.diags.HasErrors():
		case t.body != nil:
			t.decoded = decodeBody(t.body)
		case t.hcl != nil:
			t.decoded = decodeBody(t.hcl.Body)
		}
	}
	inParallel(len(tasks), func(i int) { run(&tasks[i]) })
	for i := range sources {
		f := &sources[i]
		if f.err != nil {
			f.diags = hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Cannot read a configuration file",
				Detail:   "The file " + f.path + " " + describe(f.err) + ".",
			}}
			continue
		}
		if f.nested != nil {
			// Nothing of it was parsed; its bytes are there for the
			// diagnostic's snippet.
			f.file = &hcl.File{Bytes: f.src, Body: hcl.EmptyBody()}
			f.diags = hcl.Diagnostics{f.nested}
			continue
		}
		ts := tasks[first[i]:first[i+1]]
		if len(ts) == 1 && ts[0].whole {
			f.file, f.diags, f.decoded = ts[0].hcl, ts[0].diags, ts[0].decoded
			continue
		}
		bodies := make([]*hclsyntax.Body, len(ts))
		decodings := make([]*decoded, len(ts))
		var diags hcl.Diagnostics
		for j, t := range ts {
			bodies[j], decodings[j] = t.body, t.decoded
			diags = append(diags, t.diags...)
		}
		if file, ok := joinPieces(f.src, bodies); ok && !diags.HasErrors() {
			f.file, f.diags = file, diags
			f.decoded = joinDecoded(file.Body, decodings)
			continue
		}
		f.file, f.diags = hclsyntax.ParseConfig(f.src, f.path, hcl.InitialPos)
	}
}

// inParallel calls fn(0), ..., fn(n-1) on every core and returns when all
// have returned.
func inParallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
