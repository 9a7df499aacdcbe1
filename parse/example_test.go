package parse_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/ofsted-letters/letters/parse"
)

func ExampleText() {
	letter := `12 May 2025

Sam Smith
Director of Children’s Services
Exampleshire County Council

Dear Sam

Monitoring visit to Exampleshire children’s services

This letter summarises the findings of the monitoring visit to Exampleshire
children’s services on 8 and 9 April 2025. This was the second monitoring visit
since the local authority was judged inadequate in June 2024. His Majesty’s
Inspectors for this visit were Alex Jones and Pat Green.

Headline findings

Leaders have improved the front door. Assessments are not yet consistently good.

Yours sincerely

Alex Jones
His Majesty’s Inspector
`
	rec, err := parse.Text(context.Background(), "letter.txt", strings.NewReader(letter))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Letter.Date, rec.Letter.Kind, rec.Visit.AuthorityKey)
	fmt.Println(rec.Visit.Dates, rec.Visit.Number, rec.Visit.Since.Judgement, rec.Visit.Since.Month)
	fmt.Println(rec.Visit.Inspectors)
	fmt.Println(rec.HeadlineFindings[0])
	// Output:
	// 2025-05-12 monitoring-visit exampleshire
	// [2025-04-08 2025-04-09] 2 inadequate 2024-06
	// [Alex Jones Pat Green]
	// Leaders have improved the front door. Assessments are not yet consistently good.
}
