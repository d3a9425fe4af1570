package accounts

import (
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Shard
		err  bool
	}{
		{in: "0/1", want: Shard{0, 1}},
		{in: "2/4", want: Shard{2, 4}},
		{in: "4/4", err: true},
		{in: "-1/4", err: true},
		{in: "0/0", err: true},
		{in: "1", err: true},
		{in: "a/b", err: true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseShard(tc.in)
			if (err != nil) != tc.err {
				t.Fatalf("ParseShard(%q) error = %v, want error %v", tc.in, err, tc.err)
			}
			if !tc.err && got != tc.want {
				t.Errorf("ParseShard(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestSelect(t *testing.T) {
	dirs := []string{"accounts/d/", "accounts/b", "accounts/a", "accounts/c", "accounts/e"}
	for _, tc := range []struct {
		shard Shard
		want  []string
	}{
		{Shard{}, []string{"accounts/a", "accounts/b", "accounts/c", "accounts/d/", "accounts/e"}},
		{Shard{0, 2}, []string{"accounts/a", "accounts/c", "accounts/e"}},
		{Shard{1, 2}, []string{"accounts/b", "accounts/d/"}},
		{Shard{4, 5}, []string{"accounts/e"}},
		{Shard{5, 6}, nil},
	} {
		t.Run(fmt.Sprint(tc.shard), func(t *testing.T) {
			got, err := Select(dirs, tc.shard)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Select = %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := Select([]string{"a/", "b", "./a"}, Shard{}); err == nil {
		t.Error("a directory given twice was accepted")
	}
}

// Every shard of a matrix together covers each directory exactly once.
func TestSelectCovers(t *testing.T) {
	var dirs []string
	for i := range 23 {
		dirs = append(dirs, fmt.Sprintf("acct-%02d", i))
	}
	seen := map[string]int{}
	for i := range 5 {
		got, err := Select(dirs, Shard{i, 5})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range got {
			seen[d]++
		}
	}
	for _, d := range dirs {
		if seen[d] != 1 {
			t.Errorf("%s is in %d shards, want 1", d, seen[d])
		}
	}
}

func TestRunOrderAndBound(t *testing.T) {
	dirs := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	var running, most atomic.Int32
	var order []string
	Run(dirs, 3, func(dir string) string {
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		// The first directories take longest: results still come in order.
		time.Sleep(time.Duration(len(dirs)-int(dir[0]-'a')) * 2 * time.Millisecond)
		running.Add(-1)
		return "r" + dir
	}, func(i int, dir, r string) {
		if dirs[i] != dir || r != "r"+dir {
			t.Errorf("done(%d, %s, %s): mismatched", i, dir, r)
		}
		order = append(order, dir)
	})
	if !reflect.DeepEqual(order, dirs) {
		t.Errorf("done order = %q, want %q", order, dirs)
	}
	if m := most.Load(); m > 3 || m < 2 {
		t.Errorf("at most %d ran at once, want 2..3 with parallelism 3", m)
	}
}
