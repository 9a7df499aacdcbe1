package parse

import (
	"slices"
	"strings"

	"github.com/ofsted-letters/letters/internal/lazyre"
	"github.com/ofsted-letters/letters/record"
)

// The people of a joint letter: the many it is addressed to, and the
// signatories, one for each inspectorate.

var (
	// postNominals matches the honours and degrees printed after a name
	// ("CBE", "OBE QPM", "BSc MB ChB MSc DCH FRCA").
	postNominals = lazyre.New(`^(?:[CKDMO]BE|CB|QPM|KPM|DL|KC|QC|BSc|BA|MA|MSc|MB|ChB|BS|MBBS|MD|PhD|DCH|FRCA|FRCP|FRCPCH|FRCS|MRCP|RN|RGN|MBA|JP)$`)
	// orgWords matches a part of an address line that names a body
	// rather than a job.
	orgWords = lazyre.New(`(?i)\b(?:council|police|constabulary|ccgs?|nhs|trust|icb|board|partnership|service|services|company|cafcass|group|groups|authority|borough|care|collaborative|foundation|team|directorate|division|hospital|commission)\b`)
	// jobWords matches a part that names a job.
	jobWords = lazyre.New(`(?i)\b(?:director|officer|manager|chief|head|chair|commissioner|lead|nurse|doctor|scrutineer|executive|ceo|mayor|constable|commander|inspector|superintendent|supt)\b`)
	// partSep separates the name, role and organisation of one recipient.
	partSep = lazyre.New(`\s*,\s*|\s+[–—-]\s+`)
)

// cleanPersonName splits a printed name into its honorific and the name
// without post-nominals: "Dr Sean O’Kelly BSc MB ChB" is "Dr", "Sean
// O’Kelly"; "YvetteStanley", a name whose space extraction lost, is
// "Yvette Stanley".
func cleanPersonName(text string) (honorific, name string) {
	words := strings.Fields(strings.Trim(text, " ,;."))
	for len(words) > 0 && postNominals.MatchString(strings.Trim(words[len(words)-1], ",")) {
		words = words[:len(words)-1]
	}
	if len(words) == 1 {
		if m := camelName.FindStringSubmatch(words[0]); m != nil {
			words = []string{m[1], m[2]}
		}
	}
	joined := strings.TrimRight(strings.Join(words, " "), ",")
	if m := policeRank.FindString(joined); m != "" {
		return strings.TrimSpace(m), joined[len(m):]
	}
	honorific, name = splitHonorific(joined)
	return honorific, name
}

// policeRank matches a police rank printed before a name, as an
// honorific: "Chief Supt Raj Kohli".
var policeRank = lazyre.New(`^(?:(?:Detective |Det )?(?:Chief )?(?:Superintendent|Supt|Inspector|Insp)|Commander|DCS|DCI|DSupt|Ch Supt|T/?Ch Supt|A/Ch Supt)\s+`)

// camelName matches two capitalised names run together.
var camelName = lazyre.New(`^([A-Z][a-z’']{2,})([A-Z][a-z’'-]{2,})$`)

// isPersonName reports whether text, cleaned, is a person's name and not
// a job title or a body.
func isPersonName(text string) bool {
	_, name := cleanPersonName(text)
	return looksLikeName(name) && !jobWords.MatchString(name) && !orgWords.MatchString(name) && !titleWords.MatchString(name) && !bodyWords.MatchString(name)
}

// bodyWords matches words of the names of bodies that names of people
// never hold.
var bodyWords = lazyre.New(`(?i)\b(?:clinical|commissioning|integrated|safeguarding|children|partnership|youth|offending|justice|probation|public|community|rehabilitation|county|city|metropolitan|district|local)\b`)

// titleWords matches words of a signatory's title or an inspectorate's
// heading that names never hold.
var titleWords = lazyre.New(`(?i)\b(?:director|inspector|inspectorate|chief|deputy|national|regional|commission|services?|majesty['’]?s|hmi|constabulary|probation|officer|healthcare|health|social|quality|rescue|assistant|regulation|ofsted|primary|medical|hospitals)\b`)

// jtaiRecipients reads the addressees of a joint letter from the cells of
// the header after the date: one line each, "Name, Role, Organisation",
// some wrapped onto a second line.
func (p *parser) jtaiRecipients(cells []line) {
	var lines []string
	for _, c := range cells {
		if startsRecipient(c.text) || len(lines) == 0 {
			lines = append(lines, c.text)
			continue
		}
		lines[len(lines)-1] = joinLines(lines[len(lines)-1], c.text)
	}
	var out []record.Addressee
	for _, l := range lines {
		out = append(out, splitAddressee(l))
	}
	p.rec.Letter.Recipients = out
	r := &p.rec.Letter.Recipient
	if len(out) > 0 {
		*r = record.Recipient{Addressee: out[0]}
	}
	r.Address = []string{}
}

// startsRecipient reports whether a header line starts a new addressee:
// it opens with a person's name followed by a comma, a dash or a job.
func startsRecipient(text string) bool {
	parts := partSep.Split(text, 2)
	if len(parts) == 2 && isPersonName(parts[0]) {
		return true
	}
	name, role := nameBeforeJob(text)
	return role != "" && isPersonName(name)
}

// nameBeforeJob splits a line that gives a name and then, without a comma,
// a job ("Sue Thompson Designated Nurse for ...", "Neville Hall Assistant
// Director CAFCASS"): the name is the first two or three words that read
// as one, and the rest must name a job. role is "" when the line is not
// of that form.
func nameBeforeJob(text string) (name, role string) {
	head, _, _ := strings.Cut(text, ",")
	words := strings.Fields(head)
	for n := 2; n <= 3 && n < len(words); n++ {
		rest := strings.Join(words[n:], " ")
		if isPersonName(strings.Join(words[:n], " ")) && startsUpper(rest) && jobWords.MatchString(rest) {
			return strings.Join(words[:n], " "), strings.TrimSpace(text[len(strings.Join(words[:n], " ")):])
		}
	}
	return text, ""
}

// startsUpper reports whether text starts with an upper-case letter.
func startsUpper(text string) bool {
	return text != "" && !startsLower(text) && startWord.MatchString(text)
}

// startWord matches text that starts with a capital letter.
var startWord = lazyre.New(`^\p{Lu}`)

// splitAddressee splits one addressee's line into name, role and
// organisation: the organisation is the last part after the role that
// names a body and no job. The commas of a list of places and of a
// bracket are not where parts end (see splitParts, joinPlaceList).
func splitAddressee(text string) record.Addressee {
	text = strings.TrimRight(text, ",;. ")
	parts := splitParts(text)
	head := parts[0]
	if !isPersonName(head) {
		if name, role := nameBeforeJob(text); role != "" {
			parts = append([]string{name}, splitParts(strings.TrimLeft(role, ", "))...)
			head = name
		}
	}
	var a record.Addressee
	a.Honorific, a.Name = cleanPersonName(head)
	rest := slices.DeleteFunc(parts[1:], func(s string) bool { return s == "" || postNominals.MatchString(s) })
	rest = joinPlaceList(rest)
	if n := len(rest); n > 1 && orgWords.MatchString(rest[n-1]) && !jobWords.MatchString(rest[n-1]) && startsUpper(rest[n-1]) {
		a.Organisation = rest[n-1]
		rest = rest[:n-1]
	}
	a.Role = withoutPostNominals(strings.Join(rest, ", "))
	return a
}

// splitParts splits an addressee's line where partSep does, but not
// inside brackets: "(The Bristol, Gloucestershire, Somerset and Wiltshire
// Community Rehabilitation Company Limited)" is one part.
func splitParts(text string) []string {
	var parts []string
	from, depth, seen := 0, 0, 0
	for _, m := range partSep.FindAllStringIndex(text, -1) {
		for _, r := range text[seen:m[0]] {
			switch r {
			case '(', '[':
				depth++
			case ')', ']':
				depth = max(depth-1, 0)
			}
		}
		seen = m[1]
		if depth == 0 {
			parts = append(parts, text[from:m[0]])
			from = m[1]
		}
	}
	return append(parts, text[from:])
}

// joinPlaceList joins again the parts of an addressee's line after the
// name that a list of places, or of bodies, was split into. An
// organisation of several areas is named "A, B and C Body" ("Kent, Surrey
// and Sussex Community Rehabilitation Company"), and several bodies "A
// Body, B Body and C Body": when the last part reads as the end of such
// a list (see isListEnd), the parts before it that are places
// (capitalised words, no job) are its first items, and so are the
// capitalised words that end the part before them, after its job
// ("Director of Nursing Durham Dales"): the list is then one part. When
// those words follow "of", "for" or another small word instead ("Head of
// Hounslow"), the list is what the role is of, and the role and the list
// are one part.
func joinPlaceList(rest []string) []string {
	n := len(rest)
	if n < 2 || !isListEnd(rest[n-1]) {
		return rest
	}
	j := n - 2
	for j >= 0 && isPlace(rest[j]) {
		j--
	}
	if j < 0 {
		return rest
	}
	words := strings.Fields(rest[j])
	k := len(words)
	for k > 0 && startsUpper(words[k-1]) && !jobWords.MatchString(words[k-1]) && !jobFields.MatchString(words[k-1]) {
		k--
	}
	switch {
	case k == len(words): // the role ends with its job: the list starts after it
		if j == n-2 {
			return rest
		}
		return append(rest[:j+1:j+1], strings.Join(rest[j+1:], ", "))
	case k > 0 && startsUpper(words[k-1]): // "Director of Nursing Durham Dales"
		list := strings.Join(append([]string{strings.Join(words[k:], " ")}, rest[j+1:]...), ", ")
		return append(rest[:j:j], strings.Join(words[:k], " "), list)
	}
	return append(rest[:j:j], strings.Join(rest[j:], ", "))
}

// isListEnd reports whether an addressee's part reads as the last items
// of a list of places and the body they name: "Surrey and Sussex
// Community Rehabilitation Company". What comes before its "and" is one
// place: capitalised words naming no body ("National Probation Service
// South East and Eastern Division" is a body, then a list). So does a
// part that is a list of whole bodies (see isBodyList).
func isListEnd(part string) bool {
	loc := listAnd.FindStringIndex(part)
	if loc == nil || jobWords.MatchString(part) {
		return false
	}
	if isBodyList(part) {
		return true
	}
	first := part[:loc[0]]
	if orgWords.MatchString(first) || bodyWords.MatchString(first) {
		return false
	}
	for _, w := range strings.Fields(first) {
		if !startsUpper(w) || strings.ContainsAny(w, "(),") {
			return false
		}
	}
	return first != ""
}

// isBodyList reports whether an addressee's part, which names no job,
// joins whole bodies by "and" or "&": each item starts with a capital and
// ends with a word that names a body ("NHS Bradford City CCG and NHS
// Bradford Districts CCGs"). A body whose name holds "and" ("NHS Kent and
// Medway ICB") is not a list: its first item ends with a place.
func isBodyList(part string) bool {
	items := listAnd.Split(part, -1)
	for _, it := range items {
		words := strings.Fields(it)
		if len(words) == 0 || !startsUpper(it) || !orgWords.MatchString(words[len(words)-1]) {
			return false
		}
	}
	return len(items) > 1
}

// isPlace reports whether an addressee's part reads as a place: words
// that start with a capital, or join them ("and", "&"), and no job.
func isPlace(part string) bool {
	if !startsUpper(part) || jobWords.MatchString(part) {
		return false
	}
	for _, w := range strings.Fields(part) {
		if !startsUpper(w) && w != "and" && w != "&" {
			return false
		}
	}
	return true
}

var (
	// listAnd matches the "and" of a list's last two items.
	listAnd = lazyre.New(`\s(?:and|&)\s`)
	// jobFields matches the words after a job's name that say what it is
	// of ("Director of Nursing", "Head of Safeguarding"), which a place
	// printed after the job does not take in.
	jobFields = lazyre.New(`(?i)^(?:nursing|quality|safeguarding|operations|commissioning|governance|health|services|care|education|probation|policing|children['’]s)$`)
)

// inspectorateHeading matches a heading of the old sign-off table, which
// names the inspectorate a column's signatory speaks for.
var inspectorateHeading = lazyre.New(`(?i)^(?:Ofsted|Care Quality Commission|HMI Constabulary(?: and Fire (?:&|and) Rescue(?: Services)?)?|HMI Probation|HM Inspectorate of (?:Constabulary|Probation)\b.*)$`)

// A signCell is one cell of a sign-off: a line, or part of a line that
// ran two columns together.
type signCell struct {
	text string
	col  int // 0 for the left column or a sign-off of one column, 1 for the right
	pos  record.Pos
	bold bool
}

// A signGroup is what one column of a sign-off says of one signatory.
type signGroup struct {
	heading     string // the inspectorate's heading above it, in the old table
	name, title string
	pos         record.Pos
}

// jtaiSignoff reads the signatories of a joint letter from the lines
// after "Yours sincerely". In the old two-column table each column holds
// an inspectorate's heading, then a name and a title, in either order;
// extraction may run the two columns of a row into one line, which is cut
// where the right column starts. In the new format each signatory's name
// stands above their title, and the title names the inspectorate.
func (p *parser) jtaiSignoff(signPos record.Pos, lines []line) {
	cells := signCells(lines)
	if len(cells) == 0 {
		p.warn(signPos, "no signatory after the sign-off")
		return
	}
	anyBold := slices.ContainsFunc(cells, func(c signCell) bool { return c.bold })
	var groups []signGroup
	for col := 0; col < 2; col++ {
		var cur *signGroup
		for _, c := range cells {
			if c.col != col {
				continue
			}
			text := strings.TrimSpace(c.text)
			// A heading is bold where anything is; without type, a line
			// that reads as a heading after a name is that name's title.
			heading := inspectorateHeading.MatchString(text) && (c.bold || !anyBold) &&
				(cur == nil || cur.heading == "" || cur.name == "" || cur.title != "")
			switch {
			case heading:
				groups = append(groups, signGroup{heading: text, pos: c.pos})
				cur = &groups[len(groups)-1]
			case cur != nil && cur.heading != "" && cur.name == "" && cur.title == "" && c.bold && !isPersonName(text):
				cur.heading = joinLines(cur.heading, text) // "HMI Constabulary and Fire & Rescue" / "Services"
			case isPersonName(text):
				if cur == nil || cur.name != "" || cur.heading == "" && cur.title != "" {
					groups = append(groups, signGroup{pos: c.pos})
					cur = &groups[len(groups)-1]
				}
				_, cur.name = cleanPersonName(text)
			case cur == nil || cur.heading == "" && cur.name != "" && cur.title != "" && namePrefix(text) != "":
				// A new signatory without a heading: a name and a title on
				// one line ("Yvette Stanley, National Director ..."), or
				// a title alone.
				groups = append(groups, signGroup{pos: c.pos})
				cur = &groups[len(groups)-1]
				if name := namePrefix(text); name != "" {
					_, cur.name = cleanPersonName(name)
					text = withoutPostNominals(strings.TrimLeft(text[len(name):], " ,–—-"))
				}
				cur.title = text
			default:
				cur.title = joinTitle(cur.title, text)
			}
		}
	}
	var sigs []record.Signatory
	for _, g := range groups {
		if g.name == "" && g.title == "" {
			continue
		}
		s := record.Signatory{Name: g.name, Title: g.title, Inspectorate: inspectorateOf(g.heading)}
		if s.Inspectorate == "" {
			s.Inspectorate = inspectorateOf(g.title)
		}
		if s.Name == "" {
			p.warn(g.pos, "signatory %q (%s) has no typed name", s.Title, s.Inspectorate)
		}
		sigs = append(sigs, s)
	}
	rank := func(s record.Signatory) int {
		if i := slices.Index(inspectorateOrder, s.Inspectorate); i >= 0 {
			return i
		}
		return len(inspectorateOrder)
	}
	slices.SortStableFunc(sigs, func(a, b record.Signatory) int { return rank(a) - rank(b) })
	p.rec.Signoff.Signatories = sigs
	if len(sigs) > 0 {
		p.rec.Signoff.Name, p.rec.Signoff.Title = sigs[0].Name, sigs[0].Title
	}
}

// namePrefix returns the person's name that opens a line before a comma
// or a dash ("Yvette Stanley, National Director ..."), or "".
func namePrefix(text string) string {
	if parts := partSep.Split(text, 2); len(parts) == 2 && isPersonName(parts[0]) {
		return parts[0]
	}
	return ""
}

// withoutPostNominals returns text without the honours that open it
// ("CBE, His Majesty’s Inspector ..." is "His Majesty’s Inspector ...").
func withoutPostNominals(text string) string {
	for {
		word := strings.TrimRight(firstWord(text), ",")
		if word == "" || !postNominals.MatchString(word) {
			return text
		}
		text = strings.TrimLeft(text[len(firstWord(text)):], " ,")
	}
}

// titleStart matches the words that open a signatory's title; a line of a
// title that starts otherwise continues the line above.
var titleStart = lazyre.New(`^(?:His|Her|HM|HMI|Chief|National|Deputy|Assistant|Regional|Director|Interim|Acting|Lead|Senior|Head)\b`)

// joinTitle adds a line to a title: a wrapped continuation ("Medical
// Services, Care Quality Commission") joins with a space, a second title
// ("His Majesty’s Inspector of Fire & Rescue Services") with a comma.
func joinTitle(title, text string) string {
	switch {
	case title == "":
		return text
	case startsLower(text) || !titleStart.MatchString(text) || functionWords[strings.ToLower(lastWord(title))]:
		return joinLines(title, text)
	}
	return title + ", " + text
}

// inspectorateOf returns the inspectorate a sign-off heading or a title
// names, or "".
func inspectorateOf(text string) string {
	found := inspectorateIn(text)
	for _, name := range inspectorateOrder {
		if found[name] {
			return name
		}
	}
	if healthWords.MatchString(text) {
		return record.InspectorateCQC
	}
	if strings.Contains(strings.ToLower(text), "social care") {
		return record.InspectorateOfsted
	}
	return ""
}

// healthWords in a title name the Care Quality Commission's chief
// inspectors ("Chief Inspector of Healthcare", "of Hospitals", "of
// Primary Medical Services").
var healthWords = lazyre.New(`(?i)\bhealth ?care\b|\bhospitals\b|\bprimary medical\b`)

// columnStart is how far right of the sign-off's left edge, in points,
// the right column of the old table must start to count as a column;
// textColumnStart, in spaces, in a -layout extraction.
const (
	columnStart     = 100
	textColumnStart = 20
)

// signCells returns the cells of a sign-off: its lines of text, each
// assigned to a column, a line that runs both columns together cut where
// the right column starts. PDF input tells columns by position; text
// input by the gap of a -layout extraction.
func signCells(lines []line) []signCell {
	var text []line
	for _, l := range lines {
		if (l.kind == lineText || l.kind == lineBullet) && !l.small {
			text = append(text, l)
		}
	}
	pdf := slices.ContainsFunc(text, func(l line) bool { return l.right > 0 })
	start := float64(textColumnStart)
	if pdf {
		start = columnStart
	}
	left, colX := -1.0, 0.0
	for _, l := range text {
		if left < 0 || l.left < left {
			left = l.left
		}
	}
	for _, l := range text {
		if l.left > left+start && (colX == 0 || l.left < colX) {
			colX = l.left
		}
	}
	// Text without positions or column gaps (pdftotext without -layout)
	// gives the old table's cells one per line, row by row, left before
	// right: after a row of headings they alternate between the columns.
	flat := !pdf && colX == 0 && !slices.ContainsFunc(text, func(l line) bool { return strings.Contains(l.text, columnGap) }) &&
		len(slices.DeleteFunc(slices.Clone(text), func(l line) bool { return !fullHeading.MatchString(l.text) })) >= 2
	next := 0 // in flat text, the column of the next cell
	var cells []signCell
	add := func(l line, s string, col int) {
		if s = strings.TrimSpace(s); s != "" {
			cells = append(cells, signCell{text: s, col: col, pos: l.pos, bold: l.bold})
		}
	}
	for _, l := range text {
		switch {
		case flat && fullHeading.MatchString(l.text) && len(headingStart.FindAllStringIndex(l.text, -1)) > 1:
			a, b := splitHeadings(l.text)
			add(l, a, 0)
			add(l, b, 1)
			next = 0
		case flat:
			add(l, l.text, next)
			next = 1 - next
		case colX > 0 && l.left >= colX-boxSlack:
			add(l, l.text, 1)
		case colX > 0 && l.right > colX+boxSlack:
			a, b := cutAt(l, colX)
			add(l, a, 0)
			add(l, b, 1)
		case l.bold && len(headingStart.FindAllStringIndex(l.text, -1)) > 1:
			a, b := splitHeadings(l.text)
			add(l, a, 0)
			add(l, b, 1)
		case strings.Contains(l.text, columnGap):
			a, b, _ := strings.Cut(l.text, columnGap)
			add(l, a, 0)
			add(l, b, 1)
		default:
			add(l, l.text, 0)
		}
	}
	return cells
}

// headingStart matches where an inspectorate's heading of the sign-off
// table starts; fullHeading, the whole of one at the start of a text.
var (
	headingStart = lazyre.New(`\b(?:Ofsted|Care Quality Commission|HMI (?:Constabulary|Probation)|HM Inspectorate of)\b`)
	fullHeading  = lazyre.New(`^(?:Ofsted|Care Quality Commission|HMI Probation|HMI Constabulary(?: and Fire (?:&|and) Rescue(?: Services)?)?|HM Inspectorate of (?:Probation|Constabulary(?: and Fire (?:&|and) Rescue(?: Services)?)?))`)
)

// splitHeadings splits a bold line that holds two headings of the sign-off
// table, which extraction ran together with the wrapped end of the first
// ("HMI Constabulary and Fire & Rescue HMI Probation Services"): the
// words after the second heading belong to the first.
func splitHeadings(text string) (left, right string) {
	at := headingStart.FindAllStringIndex(text, -1)[1][0]
	left, right = strings.TrimSpace(text[:at]), text[at:]
	if m := fullHeading.FindString(right); m != "" && len(m) < len(right) {
		left = joinLines(left, strings.TrimSpace(right[len(m):]))
		right = m
	}
	return left, right
}

// cutAt cuts a PDF line that runs two columns together at the word
// boundary nearest to x, where the right column starts, estimating where
// each word starts from the printed widths of the characters before it.
func cutAt(l line, x float64) (left, right string) {
	total := textWidth(l.text)
	if total == 0 {
		return l.text, ""
	}
	scale := (l.right - l.left) / float64(total)
	best, bestDist := -1, 0.0
	for i, r := range l.text {
		if r != ' ' {
			continue
		}
		start := l.left + float64(textWidth(l.text[:i+1]))*scale
		if d := abs(start - x); best < 0 || d < bestDist {
			best, bestDist = i, d
		}
	}
	if best < 0 {
		return l.text, ""
	}
	return l.text[:best], l.text[best+1:]
}

// abs returns the absolute value of f.
func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// jtaiHeader reads the lines before the salutation of a joint letter: the
// date, then the addressees.
func (p *parser) jtaiHeader(lines []line) {
	cells := headerCells(lines)
	var after []line
	if at := p.dateCell(cells); at >= 0 {
		after = cells[at+1:]
	}
	var people []line
	for _, c := range after {
		if !letterheadWord.MatchString(c.text) {
			people = append(people, c)
		}
	}
	if len(people) == 0 {
		p.warn(record.Pos{Line: 1}, "no addressees before the salutation")
	}
	p.jtaiRecipients(people)
}
