// Command iamc compiles a directory of HCL declaring an AWS account's IAM
// into a plan of IAM API calls, and applies it.
package main

import (
	"os"

	"github.com/iamc/iamc/internal/cli"
)

func main() { os.Exit(cli.Main()) }
