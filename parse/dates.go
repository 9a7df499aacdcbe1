package parse

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ofsted-letters/letters/internal/lazyre"
)

// months maps month names and their common abbreviations to numbers.
var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

const (
	spanDay = `\d{1,2}(?:st|nd|rd|th)?`
	spanSep = `(?:\s*,\s*(?:and\s+|to\s+|until\s+)?|\s+(?:and|to|until|through)\s+|\s*[-–—]\s*|\s+&\s+)`
)

const monthPattern = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?`

var (
	// fullDate matches a date as letters print it: "23 October 2025",
	// "1st February 2019", optionally after a weekday.
	fullDate = lazyre.New(`(?i)^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthPattern + `),?\s+(\d{4})$`)
	// monthYear matches "May 2023".
	monthYear = lazyre.New(`(?i)\b(` + monthPattern + `)\s+(\d{4})\b`)
	// dateSpan matches the dates of a visit: day numbers with months and
	// years, joined by "and", "to", commas and dashes: "23 and 24
	// September 2025", "30 November and 1 December 2022", "3 to 5 May
	// 2023", "29 and 30 September, and 1 October 2020", "the 15 and 16 of
	// May 2018". The last day always has its month.
	dateSpan = lazyre.New(`(?i)\b(?:` + spanDay + `(?:\s+(?:of\s+)?` + monthPattern + `(?:,?\s+\d{4})?)?` + spanSep + `)*` + spanDay + `\s+(?:of\s+)?` + monthPattern + `(?:,?\s+\d{4})?`)
	// spanToken splits a date span into its parts.
	spanToken = lazyre.New(`(?i)\d{4}|\d{1,2}(?:st|nd|rd|th)?|` + monthPattern + `|\bto\b|\buntil\b|\bthrough\b|[-–—]|\band\b|&|,`)
)

// parseFullDate returns the ISO date of a line that is a date and nothing
// else, or "" if it is not one.
func parseFullDate(text string) string {
	m := fullDate.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return ""
	}
	day, _ := strconv.Atoi(m[1])
	year, _ := strconv.Atoi(m[3])
	return isoDate(year, monthOf(m[2]), day)
}

// datedLine matches a line shaped like a date, as the line that dates a
// letter is, whether or not its day and year exist: "6 November 20205",
// "31 June 2021".
var datedLine = lazyre.New(`(?i)^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthPattern + `),?\s+(\d{2,6})$`)

// dateReadings returns, for a line shaped like a date that is not one,
// the dates it may stand for, and whether it is shaped like a date at
// all. A year printed with one digit too many ("20205") may stand for
// each year that dropping one of its digits gives; a year of two digits
// ("25") for the year of this century. A day that does not exist ("31
// June") gives no reading: nothing tells which day was meant.
func dateReadings(text string) (readings []string, dated bool) {
	m := datedLine.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return nil, false
	}
	day, _ := strconv.Atoi(m[1])
	month := monthOf(m[2])
	var years []string
	switch y := m[3]; len(y) {
	case 2:
		years = []string{"20" + y}
	case 5:
		for i := range y {
			years = append(years, y[:i]+y[i+1:])
		}
	}
	for _, y := range years {
		year, _ := strconv.Atoi(y)
		if d := isoDate(year, month, day); d != "" && y[0] != '0' && !slices.Contains(readings, d) {
			readings = append(readings, d)
		}
	}
	return readings, true
}

// monthOf returns the month named by s ("September", "Sept.").
func monthOf(s string) time.Month {
	return months[strings.TrimSuffix(strings.ToLower(s), ".")]
}

// isoDate returns YYYY-MM-DD, or "" if the day does not exist.
func isoDate(year int, month time.Month, day int) string {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || t.Day() != day || t.Month() != month {
		return ""
	}
	return t.Format(time.DateOnly)
}

// A dayRef is one day number of a span, with the month and year that
// apply to it once they are known.
type dayRef struct {
	day, year int
	month     time.Month
	rangeFrom bool // this day starts a range ("3 to 5")
}

// parseVisitDates returns every day of the visit named in span, as ISO
// dates in order. Months and years printed after a day apply to the days
// before it ("23 and 24 September 2025"); a range ("3 to 5 May") gives
// every day in it. When no year is printed, defaultYear is used and
// guessed is true.
func parseVisitDates(span string, defaultYear int) (dates []string, guessed bool, err error) {
	var refs []dayRef
	pendingRange := false
	for _, tok := range spanToken.FindAllString(span, -1) {
		low := strings.ToLower(tok)
		switch {
		case len(tok) == 4 && isDigits(tok):
			y, _ := strconv.Atoi(tok)
			for i := len(refs) - 1; i >= 0 && refs[i].year == 0; i-- {
				refs[i].year = y
			}
		case isDigits(strings.TrimRight(low, "stndrh")) && tok[0] >= '0' && tok[0] <= '9':
			d, _ := strconv.Atoi(strings.TrimRight(low, "stndrh"))
			if pendingRange && len(refs) > 0 {
				refs[len(refs)-1].rangeFrom = true
			}
			pendingRange = false
			refs = append(refs, dayRef{day: d})
		case monthOf(tok) != 0:
			for i := len(refs) - 1; i >= 0 && refs[i].month == 0; i-- {
				refs[i].month = monthOf(tok)
			}
		case low == "to" || low == "until" || low == "through" || low == "-" || low == "–" || low == "—":
			pendingRange = true
		}
	}
	for i := range refs {
		if refs[i].year == 0 {
			refs[i].year, guessed = defaultYear, true
		}
		if refs[i].month == 0 {
			return nil, guessed, fmt.Errorf("no month for day %d in %q", refs[i].day, span)
		}
	}
	seen := map[string]bool{}
	add := func(t time.Time) {
		s := t.Format(time.DateOnly)
		if !seen[s] {
			seen[s] = true
			dates = append(dates, s)
		}
	}
	for i := 0; i < len(refs); i++ {
		r := refs[i]
		if isoDate(r.year, r.month, r.day) == "" {
			return nil, guessed, fmt.Errorf("%d %s %d is not a real date", r.day, r.month, r.year)
		}
		from := time.Date(r.year, r.month, r.day, 0, 0, 0, 0, time.UTC)
		if r.rangeFrom && i+1 < len(refs) {
			next := refs[i+1]
			to := time.Date(next.year, next.month, next.day, 0, 0, 0, 0, time.UTC)
			if to.Before(from) || to.Sub(from) > maxVisitSpan {
				return nil, guessed, fmt.Errorf("range %q runs backwards or spans over a month", span)
			}
			for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
				add(d)
			}
			continue
		}
		add(from)
	}
	slices.Sort(dates)
	return dates, guessed, nil
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseMonthYear returns YYYY-MM for the first "Month YYYY" in text.
func parseMonthYear(text string) string {
	m := monthYear.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return fmt.Sprintf("%s-%02d", m[2], monthOf(m[1]))
}
