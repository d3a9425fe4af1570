package plan

import (
	"github.com/iamc/iamc/model"
)

// Keys of the steps that more than one change may need.

func detachKey(k model.Kind, name, arn string) string {
	return "detach\x00" + string(k) + "\x00" + model.Fold(name) + "\x00" + arn
}

func removeMemberKey(group, user string) string {
	return "member\x00" + model.Fold(group) + "\x00" + model.Fold(user)
}

func boundaryKey(k model.Kind, name string) string {
	return "boundary\x00" + string(k) + "\x00" + model.Fold(name)
}

func kindPhase(k model.Kind) int {
	switch k {
	case model.KindUser:
		return phUser
	case model.KindGroup:
		return phGroup
	case model.KindRole:
		return phRole
	case model.KindInstanceProfile:
		return phProfile
	case model.KindOIDCProvider, model.KindSAMLProvider:
		return phProvider
	}
	return phPolicy
}
