package memory

import (
	"sort"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// mergeTags returns have with add applied: new keys are added, existing
// ones get the new value. For users and roles IAM compares keys without
// regard to case and keeps the stored spelling (fold); for managed
// policies keys are case sensitive. The result is sorted by key.
func mergeTags(have []Tag, add []op.Tag, fold bool, max int) ([]Tag, error) {
	seen := make(map[string]bool, len(add))
	for _, t := range add {
		if err := checkTag(t.Key, t.Value); err != nil {
			return nil, err
		}
		k := tagKey(t.Key, fold)
		if seen[k] {
			if fold {
				return nil, invalid("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
			}
			return nil, invalid("Duplicate tag keys found: %s.", t.Key)
		}
		seen[k] = true
	}
	out := append([]Tag(nil), have...)
	for _, t := range add {
		i := findTag(out, t.Key, fold)
		if i >= 0 {
			out[i].Value = t.Value
			continue
		}
		out = append(out, Tag{Key: t.Key, Value: t.Value})
	}
	if len(out) > max {
		return nil, limit("The number of tags has reached the maximum limit of %d per entity.", max)
	}
	sortTags(out)
	return out, nil
}

// removeTags returns have without the given keys; a key that is not there
// is no error, as in IAM.
func removeTags(have []Tag, keys []string, fold bool) ([]Tag, error) {
	for _, k := range keys {
		if k == "" || len(k) > model.MaxTagKeyLen {
			return nil, invalid("The tag key %q must be 1 to %d characters long.", k, model.MaxTagKeyLen)
		}
	}
	out := make([]Tag, 0, len(have))
	for _, t := range have {
		drop := false
		for _, k := range keys {
			if tagKey(k, fold) == tagKey(t.Key, fold) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// tag applies a Tag* call to an entity's tags (fold as for mergeTags).
func (a *Account) tag(tags *[]Tag, add []op.Tag, fold bool) error {
	out, err := mergeTags(*tags, add, fold, a.st.Quotas.TagsPerEntity)
	if err != nil {
		return err
	}
	*tags = out
	return nil
}

// untag applies an Untag* call to an entity's tags (fold as for mergeTags).
func untag(tags *[]Tag, keys []string, fold bool) error {
	out, err := removeTags(*tags, keys, fold)
	if err != nil {
		return err
	}
	*tags = out
	return nil
}

func tagKey(k string, fold bool) string {
	if fold {
		return model.Fold(k)
	}
	return k
}

func findTag(tags []Tag, key string, fold bool) int {
	k := tagKey(key, fold)
	for i, t := range tags {
		if tagKey(t.Key, fold) == k {
			return i
		}
	}
	return -1
}

func sortTags(tags []Tag) {
	sort.Slice(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
}

// checkTag checks one tag against IAM's rules (model's tags.go), in
// IAM's words: a key of 1 to model.MaxTagKeyLen and a value of at most
// model.MaxTagValueLen characters of letters, digits, white space and
// _.:/=+-@, and no key in the reserved aws: namespace.
func checkTag(k, v string) error {
	if n := len([]rune(k)); n == 0 || n > model.MaxTagKeyLen {
		return invalid("The tag key %q must be 1 to %d characters long.", k, model.MaxTagKeyLen)
	}
	if n := len([]rune(v)); n > model.MaxTagValueLen {
		return invalid("The value of tag %q is %d characters long; the maximum is %d.", k, n, model.MaxTagValueLen)
	}
	if model.IsReservedTagKey(k) {
		return invalid("The tag key %q uses the prefix %s, which is reserved for AWS.", k, model.ReservedTagPrefix)
	}
	if _, bad := model.BadTagChar(k); bad {
		return invalid("The tag key %q contains a character IAM does not allow; use letters, digits, spaces and _.:/=+-@.", k)
	}
	if _, bad := model.BadTagChar(v); bad {
		return invalid("The value of tag %q contains a character IAM does not allow; use letters, digits, spaces and _.:/=+-@.", k)
	}
	return nil
}

// tagMap turns tags into the model's form, nil when there are none.
func tagMap(tags []Tag) model.Tags {
	if len(tags) == 0 {
		return nil
	}
	m := make(model.Tags, len(tags))
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}
