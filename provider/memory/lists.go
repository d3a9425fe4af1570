package memory

import "github.com/iamc/iamc/model"

// removeAt removes the element at i from a state list. A list left empty
// becomes nil, as the state holds no empty lists.
func removeAt[T any](list *[]T, i int) {
	*list = append((*list)[:i:i], (*list)[i+1:]...)
	if len(*list) == 0 {
		*list = nil
	}
}

// indexName returns the index of name in a list of entity names (a user's
// groups, an instance profile's roles), compared as IAM compares names;
// -1 when it is not there.
func indexName(list []string, name string) int {
	f := model.Fold(name)
	for i, x := range list {
		if model.Fold(x) == f {
			return i
		}
	}
	return -1
}
