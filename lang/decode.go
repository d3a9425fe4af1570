package lang

import (
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// decodeFiles sorts the blocks of every file into declarations. Nothing
// is evaluated yet. The blocks' contents were decoded as the files were
// parsed (decodeBody), several at a time.
func (l *loader) decodeFiles() {
	for _, f := range l.order {
		d := f.decoded
		if d == nil {
			d = decodeBody(f.file.Body)
		}
		l.diags = append(l.diags, d.diags...)
		for i, b := range d.content.Blocks {
			bc := &d.blocks[i]
			switch b.Type {
			case "iamc":
				if l.iamcBlock != nil {
					l.duplicateSingleton(b, l.iamcBlock)
					continue
				}
				l.iamcBlock, l.iamcContent = b, bc.content
				l.diags = append(l.diags, bc.diags...)
			case "variable":
				l.declareVariable(b)
			case "locals":
				l.declareLocals(b)
			case "account":
				if l.aliasBlock != nil {
					l.duplicateSingleton(b, l.aliasBlock)
					continue
				}
				l.aliasBlock, l.aliasContent = b, bc.content
				l.diags = append(l.diags, bc.diags...)
			case "password_policy":
				if l.passwordBlock != nil {
					l.duplicateSingleton(b, l.passwordBlock)
					continue
				}
				l.passwordBlock, l.passwordContent = b, bc.content
				l.diags = append(l.diags, bc.diags...)
			case "expect":
				l.declareExpect(b, bc)
			case "module":
				l.declareModule(b)
			default:
				if k, ok := kindByName(b.Type); ok {
					l.declareEntity(k, b, bc)
				}
			}
		}
	}
}

// decoded is a file's top-level blocks, each with its content where the
// schema is known before anything is evaluated. A block's content and
// diagnostics are used only if the block is (not a duplicate, say).
type decoded struct {
	content *hcl.BodyContent
	diags   hcl.Diagnostics
	blocks  []blockContent // by content.Blocks' index
}

type blockContent struct {
	content *hcl.BodyContent
	remain  hcl.Body // policy blocks: what holds the statement blocks
	diags   hcl.Diagnostics
}

// decodeBody decodes a file's body, or a piece of it: it depends on
// nothing else, so that files and pieces decode in parallel.
func decodeBody(body hcl.Body) *decoded {
	d := &decoded{}
	d.content, d.diags = body.Content(rootSchema)
	d.blocks = make([]blockContent, len(d.content.Blocks))
	for i, b := range d.content.Blocks {
		bc := &d.blocks[i]
		switch b.Type {
		case "iamc":
			bc.content, bc.diags = b.Body.Content(iamcSchema)
		case "expect":
			bc.content, bc.diags = b.Body.Content(expectSchema)
		case "account":
			bc.content, bc.diags = b.Body.Content(accountSchema)
		case "password_policy":
			bc.content, bc.diags = b.Body.Content(passwordPolicySchema)
		default:
			if k, ok := kindByName(b.Type); ok {
				if k == kPolicy {
					bc.content, bc.remain, bc.diags = b.Body.PartialContent(policySchema)
				} else {
					bc.content, bc.diags = b.Body.Content(entitySchemas[k])
				}
			}
		}
	}
	return d
}

// joinDecoded is the decoding of a file joined from pieces, from the
// decodings of its pieces, in order.
func joinDecoded(body hcl.Body, pieces []*decoded) *decoded {
	d := &decoded{
		content: &hcl.BodyContent{Attributes: hcl.Attributes{}, MissingItemRange: body.MissingItemRange()},
		blocks:  []blockContent{},
	}
	for _, p := range pieces {
		d.content.Blocks = append(d.content.Blocks, p.content.Blocks...)
		d.diags = append(d.diags, p.diags...)
		d.blocks = append(d.blocks, p.blocks...)
	}
	return d
}

func (l *loader) duplicateSingleton(b, first *hcl.Block) {
	l.diags = append(l.diags, errorAt(b.DefRange, "Duplicate "+b.Type+" block",
		"The configuration declares the %s block already at %s; merge the two into one.", b.Type, at(first.DefRange)))
}

// validLabel checks that a label can be used in references.
func (l *loader) validLabel(b *hcl.Block, what string) bool {
	label := b.Labels[0]
	if validIdentifier(label) {
		return true
	}
	detail := "The label " + strconv.Quote(label) + " cannot be used in references: a label starts with a letter or an underscore and holds letters, digits, underscores and hyphens."
	switch b.Type {
	case "user", "group", "role", "policy", "instance_profile", "saml_provider":
		detail += " Choose another label and give the IAM name in the name attribute: " + b.Type + " \"x\" { name = " + strconv.Quote(label) + " }."
	}
	l.diags = append(l.diags, errorAt(b.LabelRanges[0], "Invalid "+what+" label", "%s", detail))
	return false
}

func (l *loader) declareVariable(b *hcl.Block) {
	if !l.validLabel(b, "variable") {
		return
	}
	name := b.Labels[0]
	if prev := l.variables[name]; prev != nil {
		l.diags = append(l.diags, errorAt(b.DefRange, "Duplicate variable declaration",
			"A variable named %q is already declared at %s; variable names must be unique.", name, at(prev.block.DefRange)))
		return
	}
	v := &variable{name: name, block: b}
	l.variables[name] = v
	l.varNames = append(l.varNames, name)
}

func (l *loader) declareLocals(b *hcl.Block) {
	attrs, diags := b.Body.JustAttributes()
	l.diags = append(l.diags, diags...)
	// JustAttributes returns a map: keep the order of the source.
	list := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		list = append(list, a)
	}
	sortAttributes(list)
	for _, a := range list {
		if prev := l.locals[a.Name]; prev != nil {
			l.diags = append(l.diags, errorAt(a.NameRange, "Duplicate local value",
				"A local value named %q is already defined at %s; local names must be unique across the configuration.", a.Name, at(prev.attr.NameRange)))
			continue
		}
		l.locals[a.Name] = &local{name: a.Name, attr: a}
		l.localNames = append(l.localNames, a.Name)
	}
}

func (l *loader) declareEntity(k kind, b *hcl.Block, bc *blockContent) {
	if !l.validLabel(b, k.String()) {
		return
	}
	label := b.Labels[0]
	if prev := l.entities[k][label]; prev != nil {
		l.diags = append(l.diags, errorAt(b.LabelRanges[0], "Duplicate "+k.String()+" declaration",
			"A %s labelled %q is already declared at %s. A label is the entity's address (%s.%s) and must be unique within its kind.",
			k, label, at(prev.block.DefRange), k, label))
		return
	}
	e := &entity{kind: k, label: label, block: b, content: bc.content, remain: bc.remain}
	l.diags = append(l.diags, bc.diags...)
	e.forEach = e.content.Attributes["for_each"]
	l.entities[k][label] = e
	l.entityOrder[k] = append(l.entityOrder[k], e)
}

// sortAttributes orders attributes by their place in the source.
func sortAttributes(list []*hcl.Attribute) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && rangeLess(list[j].Range, list[j-1].Range); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func rangeLess(a, b hcl.Range) bool {
	if a.Filename != b.Filename {
		return a.Filename < b.Filename
	}
	return a.Start.Byte < b.Start.Byte
}

// sortedAttributes returns a body content's attributes in source order.
func sortedAttributes(attrs hcl.Attributes) []*hcl.Attribute {
	list := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		list = append(list, a)
	}
	sortAttributes(list)
	return list
}

func quote(s string) string { return strconv.Quote(s) }

// validIdentifier is hclsyntax.ValidIdentifier with a fast path for the
// ASCII labels nearly every configuration uses.
func validIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-'):
		case c >= 0x80:
			return hclsyntax.ValidIdentifier(s)
		default:
			return false
		}
	}
	return true
}
