package parse

import (
	"strings"

	"github.com/ofsted-letters/letters/internal/lazyre"
	"github.com/ofsted-letters/letters/record"
)

var (
	// letterheadWord matches what may stand alone in Ofsted's letterhead
	// block beside the lines that isFurniture knows: the name, the cities
	// of its offices and split pieces of its phone numbers.
	letterheadWord = lazyre.New(`(?i)^(?:ofsted|manchester|london|nottingham|bristol|westminster|[\d ]+|www\..*|e-?mail.*|enquiries@.*|gov\.uk.*|o?fsted|\d+ ofsted|t\b.*),?$`)
	// organisation matches the line of an address that names the
	// authority or trust the director works for.
	organisation = lazyre.New(`(?i)\b(?:council|borough|trust|corporation|isles of scilly|authority|achieving for children|children first|together for children|services for children)\b`)
	// roleStart matches the start of a job title, which may itself name
	// the authority ("Director of Children's Services, Leeds City Council").
	roleStart = lazyre.New(`(?i)^(?:the\s+)?(?:interim|acting|joint|corporate|strategic|executive|assistant|deputy|chief|head|director|cabinet|lead|service|operational|group|statutory|managing|programme)\b`)
)

var (
	// roleWord matches a job title anywhere in a line: "Bi-Borough
	// Executive Director of Children's Services" is a role, not an
	// organisation, though it names a borough.
	roleWord = lazyre.New(`(?i)\b(?:director|executive|officer|manager|head of|lead member|chief)\b`)
	// building matches an address line that names a building: "County
	// Hall", "Civic Centre".
	building = lazyre.New(`(?i)\b(?:hall|house|building|buildings|centre|center|offices|office|street|road|square|place|way|avenue|lane|floor)\b\W*$`)
)

// header reads the lines before the salutation: Ofsted's letterhead, the
// letter's date, and the recipient's name, role, organisation and address.
// Lines are split into columns first, because a -layout extraction prints
// the letterhead beside the recipient.
func (p *parser) header(lines []line) {
	cells := headerCells(lines)
	dateAt := p.dateCell(cells)
	if dateAt < 0 {
		// No date: the recipient is whatever stands below the letterhead.
		var rest []line
		for _, c := range cells {
			if !letterheadWord.MatchString(c.text) {
				rest = append(rest, c)
			}
		}
		p.recipient(rest)
		return
	}
	var before []line
	for _, c := range cells[:dateAt] {
		if !letterheadWord.MatchString(c.text) {
			before = append(before, c)
		}
	}
	after := cells[dateAt+1:]
	if len(before) > 0 && (len(after) == 0 || looksLikeName(before[0].text) || honorifics[strings.ToLower(firstWord(before[0].text))]) {
		// The recipient stands above the date, as some templates and
		// some extractions put it.
		after = append(before, after...)
		before = nil
	}
	for _, c := range before {
		p.warn(c.pos, "text before the letter date not placed: %q", c.text)
	}
	p.recipient(after)
}

// dateCell finds the cell that dates the letter, records the date, and
// returns the cell's index, or -1 when no cell is a date.
func (p *parser) dateCell(cells []line) int {
	for i, c := range cells {
		if d := parseFullDate(c.text); d != "" {
			p.rec.Letter.Date = d
			p.dateLine = c
			return i
		}
		if _, dated := dateReadings(c.text); dated {
			// A misprinted date ("6 November 20205") is still the date
			// line: visit reads it once it knows the visit's dates.
			p.dateLine, p.misprinted = c, true
			return i
		}
	}
	return -1
}

// headerCells returns the cells of the lines before the salutation:
// lines split into the columns of a -layout extraction, without Ofsted's
// letterhead.
func headerCells(lines []line) []line {
	var cells []line
	for _, l := range lines {
		if l.kind == lineBlank {
			continue
		}
		parts := strings.Split(l.text, columnGap)
		furnished := l.kind == lineFurniture
		for _, part := range parts {
			if isFurniture(strings.TrimSpace(part)) {
				furnished = true
			}
		}
		for _, part := range parts {
			part = strings.TrimSpace(part)
			if part == "" || isFurniture(part) || (furnished && letterheadWord.MatchString(part)) {
				continue
			}
			c := l
			c.text = part
			cells = append(cells, c)
		}
	}
	return cells
}

// recipient reads the address block: name, role (one or more lines),
// organisation, then the address.
func (p *parser) recipient(cells []line) {
	r := &p.rec.Letter.Recipient
	if len(cells) == 0 {
		p.warn(record.Pos{Line: 1}, "no recipient's address block before the salutation")
		return
	}
	first := cells[0]
	if looksLikeName(strings.TrimPrefix(first.text, "The ")) || honorifics[strings.ToLower(strings.TrimSuffix(firstWord(first.text), "."))] || !roleStart.MatchString(first.text) {
		r.Honorific, r.Name = splitHonorific(strings.TrimRight(first.text, ",;"))
		r.Name, r.Role = splitNameRole(r.Name)
		cells = cells[1:]
	}
	// The role: the lines after the name that read as a job title, with
	// their wrapped continuations ("Director of Children’s" / "and Adults’
	// Services"). A building or a town is not a role.
	// A line that opens with another person's name ("Emma Taylor, Chief
	// Executive, Sandwell Children’s Trust") is a second addressee of a
	// letter written to two people.
	var role []string
	if r.Role != "" {
		role = append(role, r.Role)
	}
	var others []record.Addressee
	for len(cells) > 0 {
		text := cells[0].text
		if other, ok := coAddressee(text); ok && r.Name != "" {
			others = append(others, other)
		} else if isRoleLine(text) || len(role) > 0 && continuesRole(text) {
			role = appendRoleLine(role, text)
		} else {
			break
		}
		cells = cells[1:]
	}
	r.Role, r.Organisation = splitRoleOrganisation(strings.TrimRight(strings.Join(role, ""), ",;"))
	// The organisation: the first line that names an authority or trust
	// and is not a building ("County Hall"). Lines before it are address.
	org := -1
	for i, c := range cells {
		if organisation.MatchString(c.text) && !isRoleLine(c.text) && !building.MatchString(c.text) {
			org = i
			break
		}
	}
	var before []line
	if org >= 0 {
		if r.Organisation == "" {
			r.Organisation = strings.TrimRight(cells[org].text, ",;")
		}
		before = cells[:org]
		cells = append(before[:len(before):len(before)], cells[org+1:]...)
	}
	if len(others) > 0 {
		p.rec.Letter.Recipients = append([]record.Addressee{r.Addressee}, others...)
	}
	seen := map[string]bool{r.Name: true, r.Role: true, r.Organisation: true}
	for _, c := range cells {
		switch {
		case placeholder.MatchString(c.text):
			p.warn(c.pos, "template placeholder left out of the address: %q", c.text)
		case seen[c.text]:
			// Some extractions repeat an address line that a text box
			// hides; the address is printed once.
		default:
			seen[c.text] = true
			r.Address = append(r.Address, strings.TrimRight(c.text, ",;"))
		}
	}
	if r.Name == "" {
		p.warn(first.pos, "no recipient's name found in the address block")
	}
}

// coAddressee reads a line of an address block that names another
// addressee with a role and, after a further comma, the body they lead
// ("Emma Taylor, Chief Executive, Sandwell Children’s Trust").
func coAddressee(text string) (record.Addressee, bool) {
	name, rest, ok := strings.Cut(text, ",")
	rest = strings.TrimSpace(rest)
	honorific, name := splitHonorific(strings.TrimSpace(name))
	if !ok || !looksLikeName(name) || roleStart.MatchString(name) || !isRoleLine(rest) {
		return record.Addressee{}, false
	}
	role, organisation := splitRoleOrganisation(strings.TrimRight(rest, ",;"))
	return record.Addressee{Honorific: honorific, Name: name, Role: role, Organisation: organisation}, true
}

// appendRoleLine adds a line of an address block to the pieces of a
// role. A line that starts a job title after a complete one ("Interim
// Director of Children, Learning and Skills" / "Interim Chief Executive")
// is a second title of the same person and is joined by "; "; a line
// that continues a wrapped title is joined by a space.
func appendRoleLine(role []string, text string) []string {
	if len(role) == 0 {
		return append(role, text)
	}
	last := strings.Fields(role[len(role)-1])
	open := len(last) > 0 && continuesRole(last[len(last)-1])
	if roleStart.MatchString(text) && !open && !startsLower(text) {
		return append(role, "; ", text)
	}
	return append(role, " ", text)
}

// splitRoleOrganisation splits the body a role names after its last comma
// ("Interim Chief Executive, Slough Children’s Trust") from the role.
// A part that is itself a title, or names no authority or trust, stays in
// the role ("Director, Children and Young People's Services").
func splitRoleOrganisation(role string) (title, body string) {
	i := strings.LastIndex(role, ", ")
	if i < 0 {
		return role, ""
	}
	tail := strings.TrimSpace(role[i+2:])
	if !organisation.MatchString(tail) || isRoleLine(tail) || building.MatchString(tail) {
		return role, ""
	}
	return strings.TrimSpace(role[:i]), tail
}

// placeholder matches template text that a letter left unfilled: "Insert
// LA Address", "[Address]".
var placeholder = lazyre.New(`(?i)^\[.*\]$|^insert\b`)

// isRoleLine reports whether a line of an address reads as a job title.
func isRoleLine(text string) bool {
	return roleStart.MatchString(text) || roleWord.MatchString(text)
}

// continuesRole reports whether a line continues a job title wrapped over
// two lines: it starts in lower case or with a joining word.
func continuesRole(text string) bool {
	if startsLower(text) {
		return true
	}
	w := strings.ToLower(firstWord(text))
	return w == "and" || w == "&" || w == "of" || w == "for"
}

// honorificFromSalutation returns the honorific of "Dear Mrs Speechley"
// when the surname is the last word of the recipient's name.
func honorificFromSalutation(salutation, name string) string {
	words := strings.Fields(strings.TrimRight(salutation, ",:"))
	if len(words) < 3 || !honorifics[strings.ToLower(strings.TrimSuffix(words[1], "."))] {
		return ""
	}
	names := strings.Fields(name)
	if len(names) == 0 || !strings.EqualFold(names[len(names)-1], words[len(words)-1]) {
		return ""
	}
	return words[1]
}

// splitNameRole splits a line that holds a name and then a role ("Bernie
// Brown Director of Children’s Services") where the role starts.
func splitNameRole(text string) (name, role string) {
	words := strings.Fields(text)
	for i := 2; i < len(words); i++ {
		if roleStart.MatchString(words[i]) && !strings.EqualFold(words[i], "lead") {
			return strings.TrimRight(strings.Join(words[:i], " "), ",;"), strings.Join(words[i:], " ")
		}
	}
	return text, ""
}
