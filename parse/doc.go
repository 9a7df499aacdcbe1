// Package parse turns Ofsted letters on children's services
// (monitoring-visit, focused-visit and joint targeted area inspection
// letters) into records: bytes in, record.Record out. It prints nothing
// and reads no file but its input (input.go bounds that read).
//
// # Pipeline
//
// Every letter goes through the same stages, whatever its source:
//
//  1. Source to lines. text.go decodes text (UTF-8, UTF-16 or
//     Windows-1252, told by content; encoding.go) and splits it into
//     lines, noting leading spaces and form-feed pages; pdf.go reads a
//     PDF through internal/pdftext and turns its positioned lines into
//     lines with what the layout shows: the vertical gap above a line,
//     the room its first word needs at the end of the line above, its
//     indent, bold and size. Sources only gather evidence of what a
//     line is (tagged artifact, running header or footer, Ofsted's
//     letterhead block, footnote); they do not decide it.
//  2. Classify. classify in lines.go is the one place where a line of a
//     letter is classified: blank, text, bullet (with its level),
//     furniture (page numbers, the letterhead) or footnote, from its
//     text and its source's evidence (TestClassify holds the table).
//  3. Header. header.go reads the lines before the salutation ("Dear
//     ..."), split into the columns of a -layout extraction: the date
//     and the recipient's name, role, organisation and address.
//     jtai.go reads the header of a joint letter instead.
//  4. Blocks. blocks.go joins the body's lines into paragraphs and
//     bullets: a line continues the open block unless a blank line, a
//     vertical gap, a bullet, an indent or a sentence end whose next
//     word would have fitted on the line above (width.go estimates
//     printed width) says a new one starts.
//  5. Sections. build.go runs a state machine over the blocks (title,
//     then body), making known headings (headings.go) open sections of a
//     kind and sub-headings label findings; the sign-off after "Yours
//     sincerely" gives the inspector's name, title and copies.
//  6. Facts. visit.go reads the visit from the introduction: its dates
//     (dates.go), number, the judgement or event it follows, inspectors
//     (people.go), framework, focus and authority (authority.go gives
//     the key and, through internal/authority, the codes); build.go then
//     moves closing sentences out of the findings and fills the
//     convenience lists. Anything read but not placed, or guessed, is a
//     warning in the record.
//
// Sentences are split by internal/sentence, the splitter package
// analyse uses too. The thresholds of every stage are named in one const
// block (thresholds.go), the bounds on one input in limits.go.
//
// # What it undoes
//
// Text extraction leaves artefacts, and the stages above take them away:
// lines wrapped mid-sentence; every wrapped line a paragraph of its own;
// paragraph breaks without a blank line (pdftotext), decided by whether
// the next word would have fitted on the line; a paragraph split by a page
// break or by a footnote; page numbers, form feeds, running headers and
// footers; bullets written as ◼, B, -, •, symbol-font glyphs, ⎯ or o
// (nested); markdown residue; Ofsted's letterhead wherever it lands,
// including a second column in -layout output; footnote markers glued to
// headings. Text is otherwise kept as printed.
//
// # Known limits
//
// Measured on 115 corpus letters against paragraphs rebuilt from the PDFs'
// own line spacing: 97% of paragraphs come out exactly right from
// pdftotext -layout text, 88% from pdftotext's default output, where a
// paragraph whose last line is nearly full width runs on into the next.
// Words hyphenated at a line end in pdftotext's default output stay
// joined ("decisionmaking"). A letter whose salutation, headings or
// sign-off depart from every form in the test letters parses with
// warnings rather than failing; an input that is not such a letter at
// all fails with ErrNotALetter.
//
// Across the repository, a line of a letter is classified in one place,
// classify in parse/lines.go; a record is read in one place, package
// record (codec.go); and the outputs of themes, diff,
// summary, report and export are drawn in package render.
package parse
