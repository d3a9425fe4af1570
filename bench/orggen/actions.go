package orggen

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/iamc/iamc/catalog"
)

// policyServices are the services whose actions the generated policies
// grant: what a product company's teams use day to day.
var policyServices = []string{
	"s3", "dynamodb", "sqs", "sns", "lambda", "logs", "cloudwatch", "kms",
	"secretsmanager", "ssm", "ecr", "ecs", "rds", "kinesis", "states",
	"events", "glue", "athena", "codebuild", "elasticache", "firehose",
}

// resourceGroup is the actions of one service and access level that act
// on one resource type, and the format of that type's ARNs.
type resourceGroup struct {
	service, level, resource, arn string
	actions                       []string
}

// actionTable holds the resource groups of the policy services, and the
// actions that act on no resource type ("*").
type actionTable struct {
	groups []resourceGroup
	global []resourceGroup // resource "*"
}

// loadActions reads the policy services' actions from the catalog.
func loadActions() (*actionTable, error) {
	t := &actionTable{}
	for _, prefix := range policyServices {
		svc, ok := catalog.Service(prefix)
		if !ok {
			return nil, fmt.Errorf("orggen: the action catalog has no service %q", prefix)
		}
		arns := map[string]string{}
		for _, rt := range svc.ResourceTypes {
			arns[rt.Name] = rt.ARN
		}
		byKey := map[string]*resourceGroup{}
		var keys []string
		for _, name := range catalog.MatchActions(prefix + ":*") {
			info, ok := catalog.Action(name)
			if !ok {
				continue
			}
			level := strings.Split(info.AccessLevel, ",")[0]
			if level != "Read" && level != "List" && level != "Write" {
				continue // leave permissions management and tagging to admins
			}
			res, arn := "*", "*"
			if len(info.ResourceTypes) > 0 {
				res = info.ResourceTypes[0]
				if arn = arns[res]; arn == "" {
					continue
				}
			}
			key := level + "\x00" + res
			g := byKey[key]
			if g == nil {
				g = &resourceGroup{service: prefix, level: level, resource: res, arn: arn}
				byKey[key] = g
				keys = append(keys, key)
			}
			g.actions = append(g.actions, info.Name)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if g := byKey[k]; g.resource == "*" {
				t.global = append(t.global, *g)
			} else {
				t.groups = append(t.groups, *g)
			}
		}
	}
	if len(t.groups) == 0 || len(t.global) == 0 {
		return nil, fmt.Errorf("orggen: the action catalog gave no usable actions")
	}
	return t, nil
}

var placeholderRE = regexp.MustCompile(`\$\{[A-Za-z0-9]+\}`)

// resourceARN fills an ARN format of the catalog for a team:
// "arn:${Partition}:s3:::${BucketName}" → "arn:aws:s3:::payments-ledger".
// The account is account.id, interpolated by HCL.
func (g *gen) resourceARN(format string, t team, word string) string {
	return placeholderRE.ReplaceAllStringFunc(format, func(p string) string {
		switch p {
		case "${Partition}":
			return "aws"
		case "${Region}":
			return g.pick(regions)
		case "${Account}":
			return "${account.id}"
		}
		if strings.Contains(p, "Object") || strings.Contains(p, "Key") || strings.Contains(p, "Path") {
			return "*"
		}
		return t.name + "-" + word
	})
}
