package parse

import (
	"regexp"
	"strings"
)

var (
	// letterheadWord matches what may stand alone in Ofsted's letterhead
	// block beside the lines that isFurniture knows: the name, the cities
	// of its offices and split pieces of its phone numbers.
	letterheadWord = regexp.MustCompile(`(?i)^(?:ofsted|manchester|london|nottingham|bristol|\d+|www\..*|e-?mail.*|t\b.*)$`)
	// organisation matches the line of an address that names the
	// authority or trust the director works for.
	organisation = regexp.MustCompile(`(?i)\b(?:council|borough|county|trust|city of|corporation|isles of scilly|partnership|authority|achieving for children|children first|together for children|services for children)\b`)
	// roleStart matches the start of a job title, which may itself name
	// the authority ("Director of Children's Services, Leeds City Council").
	roleStart = regexp.MustCompile(`(?i)^(?:the\s+)?(?:interim|acting|joint|corporate|strategic|executive|assistant|deputy|chief|head|director|cabinet|lead|service|operational|group|statutory|managing|programme)\b`)
)

// header reads the lines before the salutation: Ofsted's letterhead, the
// letter's date, and the recipient's name, role, organisation and address.
// Lines are split into columns first, because a -layout extraction prints
// the letterhead beside the recipient.
func (p *parser) header(lines []line) {
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
	dateAt := -1
	for i, c := range cells {
		if d := parseFullDate(c.text); d != "" {
			p.rec.Letter.Date = d
			dateAt = i
			break
		}
	}
	if dateAt < 0 {
		return
	}
	for _, c := range cells[:dateAt] {
		if !letterheadWord.MatchString(c.text) {
			p.warn(c.pos, "text before the letter date not placed: %q", c.text)
		}
	}
	p.recipient(cells[dateAt+1:])
}

// recipient reads the address block: name, role (one or more lines),
// organisation, then the address.
func (p *parser) recipient(cells []line) {
	r := &p.rec.Letter.Recipient
	if len(cells) == 0 {
		return
	}
	first := cells[0].text
	if looksLikeName(strings.TrimPrefix(first, "The ")) || honorifics[strings.ToLower(strings.TrimSuffix(firstWord(first), "."))] || !roleStart.MatchString(first) {
		r.Honorific, r.Name = splitHonorific(first)
		cells = cells[1:]
	}
	org := -1
	for i, c := range cells {
		if organisation.MatchString(c.text) && !roleStart.MatchString(c.text) {
			org = i
			break
		}
	}
	switch {
	case org >= 0:
		var role []string
		for _, c := range cells[:org] {
			role = append(role, c.text)
		}
		r.Role = strings.Join(role, " ")
		r.Organisation = cells[org].text
		cells = cells[org+1:]
	case len(cells) > 0:
		r.Role = cells[0].text
		cells = cells[1:]
		if len(cells) > 0 {
			p.warn(cells[0].pos, "no organisation recognised in the address; the address is kept as printed")
		}
	}
	for _, c := range cells {
		r.Address = append(r.Address, c.text)
	}
}
