package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// A tuple whose elements share one type reaches a function that takes a
// collection of any type as a list, built in one pass: cty would unify
// its element types pairwise (for_each over toset of 50,000 keys took
// 82 s). A tuple of mixed types is still unified, up to maxUnify.
func TestCollectionArgTurnsTuplesIntoLists(t *testing.T) {
	elems := make([]cty.Value, 3)
	for i := range elems {
		elems[i] = cty.StringVal(fmt.Sprint(i))
	}
	got, err := collectionArg(cty.TupleVal(elems), cty.Set(cty.DynamicPseudoType), true)
	if err != nil || !got.Type().Equals(cty.List(cty.String)) {
		t.Fatalf("homogeneous tuple for toset: %#v, %v", got, err)
	}
	mixed := cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.NumberIntVal(1)})
	got, err = collectionArg(mixed, cty.List(cty.DynamicPseudoType), false)
	if err != nil || !got.Type().Equals(cty.List(cty.String)) {
		t.Fatalf("mixed tuple for list(any): %#v, %v", got, err)
	}
	many := make([]cty.Value, maxUnify+1)
	for i := range many {
		many[i] = cty.StringVal("a")
		if i%2 == 1 {
			many[i] = cty.True
		}
	}
	if _, err := collectionArg(cty.TupleVal(many), cty.List(cty.DynamicPseudoType), false); err == nil || !strings.Contains(err.Error(), "different types") {
		t.Fatalf("a long mixed tuple: %v", err)
	}
}

// BenchmarkForEach50k is the for_each shape that was quadratic.
func BenchmarkForEach50k(b *testing.B) {
	dir := b.TempDir()
	var keys strings.Builder
	for i := range 50_000 {
		fmt.Fprintf(&keys, "%q,", fmt.Sprintf("u%d", i))
	}
	src := "locals {\n  ks = [" + keys.String() + "]\n}\nuser \"u\" {\n  for_each = toset(local.ks)\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.iam.hcl"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Load(Options{Dir: dir})
	}
}
