package validate_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/ofsted-letters/letters/validate"
)

// ExampleValidator_File validates a record with a typo in a field name and
// a date that does not exist.
func ExampleValidator_File() {
	v, err := validate.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	src, err := os.ReadFile("../testdata/valid/minimal.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	broken := strings.NewReplacer(
		"  salutation:", "  salutaton:",
		`- "2024-07-09"`, `- "2024-06-31"`,
	).Replace(string(src))
	for _, p := range v.File("record.yaml", []byte(broken)) {
		fmt.Printf("%s [%s %s]\n", p, p.Rule, p.Pointer)
	}
	// Output:
	// record.yaml:11:3: letter: unknown field "salutaton" (did you mean "salutation"?) [unknown-field /letter/salutaton]
	// record.yaml:22:7: visit.dates[1]: 2024-06-31 is not a real date (June 2024 has 30 days) [date /visit/dates/1]
}
