//go:build !unix

package apply

import "errors"

func mkfifo(string) error { return errors.New("no named pipes here") }
