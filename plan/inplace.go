package plan

import (
	"fmt"

	"github.com/iamc/iamc/op"
)

// Users and groups are renamed and moved in place (UpdateUser,
// UpdateGroup); roles and policies are replaced instead.

// anchorInPlace adds the step that renames or moves an entity that stays,
// if its name or path changes. update builds the step from the new name
// and the new path, each "" when it does not change. After the step the
// entity has its new name, if renamed, and its declared ARN.
func (p *planner) anchorInPlace(e *ent, curName, curPath, desName, desPath string, phase int, update func(newName, newPath string) op.Op) {
	rename, move := curName != desName, curPath != desPath
	if !rename && !move {
		return
	}
	var newName, newPath string
	if rename {
		newName = desName
	}
	if move {
		newPath = desPath
	}
	n := p.g.add(update(newName, newPath), e.addr, phase, e.ord)
	if rename {
		e.ready = n
	}
	e.arnReady = n
}

// planInPlace records on the change of an entity that stays its new name
// and path, with a note of how its ARN changes (call is the step that
// does it). arns gives the ARN now and the declared one; it runs only when
// the name or the path changes.
func (p *planner) planInPlace(e *ent, call, curName, curPath, desName, desPath string, arns func() (from, to string)) {
	if curName != desName {
		ch := p.change(e, Update)
		ch.Attributes = append(ch.Attributes, scalar("name", curName, desName))
	}
	if curPath != desPath {
		ch := p.change(e, Update)
		ch.Attributes = append(ch.Attributes, scalar("path", curPath, desPath))
	}
	if curName != desName || curPath != desPath {
		ch := p.change(e, Update)
		from, to := arns()
		ch.Notes = append(ch.Notes, fmt.Sprintf("renamed or moved in place (%s): its ARN changes from %s to %s", call, from, to))
	}
}
