// Command letters turns Ofsted monitoring and focused-visit letters into
// YAML records and compares them across visits.
package main

import (
	"os"

	"github.com/ofsted-letters/letters/cmd"
)

func main() {
	os.Exit(cmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
