package analyse_test

import (
	"fmt"

	"github.com/ofsted-letters/letters/analyse"
)

func ExampleCodebook_Judge() {
	cb, err := analyse.Builtin()
	if err != nil {
		panic(err)
	}
	j := cb.Judge("Although case supervision is more regular now, the quality of supervision is generally not strong.")
	fmt.Println(j.Polarity)
	for _, m := range j.Themes {
		fmt.Println(m.Theme, m.Polarity)
	}
	// Output:
	// negative
	// supervision-oversight mixed
}

func ExampleCompareStatus() {
	fmt.Println(analyse.CompareStatus(analyse.StatusMixed, analyse.StatusConcern))
	fmt.Println(analyse.CompareStatus(analyse.StatusConcern, analyse.StatusAbsent))
	// Output:
	// recurring
	// not-revisited
}
