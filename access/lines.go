package access

import "sort"

// Line is grants that read as one line: the same effect, service, access
// level, resource and condition, with their actions. A reviewer reads
// "s3 Read: s3:GetObject, s3:GetObjectAcl on arn:aws:s3:::data/*", never
// one line per action.
type Line struct {
	Effect  string `json:"effect"`
	Service string `json:"service"` // "*" for every service
	// Level is the actions' access level ("List", "Read", "Write",
	// "Permissions management", "Tagging"), "Unknown" for actions the
	// catalog does not know, "*" for every level.
	Level string `json:"access_level"`
	// Actions are the actions, sorted; empty when Every is set (the
	// catalog names them).
	Actions []string `json:"actions"`
	// Count is how many actions the line covers.
	Count     int    `json:"count"`
	Resource  string `json:"resource"`
	Condition string `json:"condition,omitempty"`
	// Every says Actions are every action the catalog knows for the
	// service at the level (or every level, or every service).
	Every bool `json:"every"`
}

// LevelUnknown is the level of an action the catalog does not know.
const LevelUnknown = "Unknown"

// foldLines sorts lines by service, access level, effect, resource and
// condition; then a service whose every level is granted in full on the
// same resource and condition becomes one line ("every s3 action"), and
// when every service is, one line for all ("every action").
func foldLines(ls []Line) []Line {
	if len(ls) == 0 {
		return []Line{}
	}
	sort.Slice(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		if la, lb := levelOrder[a.Level], levelOrder[b.Level]; la != lb {
			return la < lb
		}
		if a.Effect != b.Effect {
			return a.Effect < b.Effect
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.Condition < b.Condition
	})
	levels := catalogIndex().levels
	type svcKey struct{ effect, service, resource, condition string }
	full := map[svcKey]int{}
	for _, l := range ls {
		if l.Every {
			full[svcKey{l.Effect, l.Service, l.Resource, l.Condition}]++
		}
	}
	var out []Line
	merged := map[svcKey]int{} // index in out of the merged line
	for _, l := range ls {
		k := svcKey{l.Effect, l.Service, l.Resource, l.Condition}
		if n := levels[l.Service]; n == 0 || full[k] != n || !l.Every {
			out = append(out, l)
			continue
		}
		if i, ok := merged[k]; ok {
			out[i].Count += l.Count
			continue
		}
		merged[k] = len(out)
		l.Level = "*"
		out = append(out, l)
	}
	return everyService(out, len(levels))
}

// everyService folds lines that grant every action of every service the
// catalog knows, on the same effect, resource and condition, into one.
func everyService(lines []Line, services int) []Line {
	type k struct{ effect, resource, condition string }
	whole := map[k]int{}
	for _, l := range lines {
		if l.Level == "*" {
			whole[k{l.Effect, l.Resource, l.Condition}]++
		}
	}
	var out []Line
	done := map[k]int{}
	for _, l := range lines {
		key := k{l.Effect, l.Resource, l.Condition}
		if services == 0 || whole[key] != services || l.Level != "*" {
			out = append(out, l)
			continue
		}
		if i, ok := done[key]; ok {
			out[i].Count += l.Count
			continue
		}
		done[key] = len(out)
		l.Service = "*"
		out = append(out, l)
	}
	return out
}
