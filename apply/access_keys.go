package apply

import (
	"context"
	"fmt"

	"github.com/iamc/iamc/op"
)

// createKey creates an access key and keeps its secret, synced, in the
// credentials sink: IAM shows a secret once, in its answer. The op in the
// plan never holds it: the call is made with a copy, which the provider
// fills in.
func (r *runner) createKey(ctx context.Context, ck *op.CreateAccessKey) error {
	call := *ck
	if err := r.prov.Do(ctx, &call); err != nil {
		return err
	}
	if call.AccessKeyId == "" || call.SecretAccessKey == "" {
		return fmt.Errorf("the provider created an access key for %s without answering its id and secret", ck.UserName)
	}
	c := Credential{User: ck.UserName, AccessKeyID: call.AccessKeyId, SecretAccessKey: call.SecretAccessKey}
	if err := r.opts.Credentials.Keep([]Credential{c}); err != nil {
		return fmt.Errorf("access key %s was created, but its secret could not be kept (delete the key; the next apply creates another): %w", call.AccessKeyId, err)
	}
	return nil
}
