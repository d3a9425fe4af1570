// Command measure runs a command and prints its wall time and peak
// resident memory, for bench/run.sh:
//
//	go run ./bench/measure -- iamc plan dir
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: measure -- COMMAND [ARGS...]")
		os.Exit(2)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = nil, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		code = ee.ExitCode()
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var maxRSS int64
	if ru != nil {
		maxRSS = ru.Maxrss // kilobytes on Linux
	}
	fmt.Printf("%-40s exit %d  wall %8.1f ms  peak RSS %6.1f MB\n", fmt.Sprint(args[1:]), code, float64(wall.Microseconds())/1000, float64(maxRSS)/1024)
}
