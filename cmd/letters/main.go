// Command letters turns Ofsted letters on children's services (monitoring
// and focused visits, joint targeted area inspections) into YAML records
// and compares them from one letter of an authority to the next.
package main

import (
	"os"

	"github.com/ofsted-letters/letters/cmd"
)

func main() {
	os.Exit(cmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
