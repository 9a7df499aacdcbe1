// Package pdftext extracts positioned lines of text from PDF files.
//
// Read returns, page by page, the lines of text in reading order, each
// with its left edge, baseline, width, dominant font size and weight. It
// is built for letters: single-column prose with headings, bullets, an
// address block beside the recipient, running headers and footers, and
// footnotes. It is not a layout engine: it does not find columns of
// running text that span many lines, tables as tables, or reading order
// across text boxes.
//
// # What it reads
//
// The package uses github.com/ledongthuc/pdf for the file's structure:
// the cross-reference table, objects, and decoded streams. Everything
// above that is its own:
//
//   - Content streams are lexed and interpreted here, tracking the text
//     state (Tm, Td, TD, T*, TL, Tc, Tw, Tz, Ts, Tf, ', ") and the graphics
//     state (cm, q, Q) through form XObjects. Every glyph gets a position,
//     from the font's widths, which are read once per font and cached.
//   - Text comes from the font's ToUnicode map; failing that, for simple
//     fonts, from its encoding (WinAnsi, MacRoman, Standard, PDFDoc, and
//     /Differences glyph names); failing that, from the embedded TrueType
//     or OpenType program: its cmap table (Unicode to glyph, inverted) and
//     its post table (glyph names). Glyphs that none of these name are
//     counted in Page.Unmapped and left out, and the page gets a warning
//     (Page.Warnings): a few are usually bullets drawn from a symbol font
//     without a map. A page on which they are more than 5% of the
//     characters, and at least 10, fails with ErrGarbled: its words do
//     not decode. No text is ever made of replacement characters.
//   - Symbol-font bullets, which decode to private-use code points
//     (U+F0B7, U+F06E, U+F0A7, ... from Symbol and Wingdings), become "•".
//     Latin ligatures are spelt out ("ﬁ" is "fi"), spaces of any width are
//     one space, and zero-width characters are dropped. Curly quotes,
//     dashes and other punctuation stay as printed.
//   - Text marked as a pagination artifact in a tagged PDF (running
//     headers, footers and page numbers: /Artifact with /Type /Pagination
//     or /Subtype /Header or /Footer) is flagged in Line.Artifact.
//
// # From glyphs to lines
//
// Glyphs drawn one after another along a baseline form a chunk; chunks
// whose baselines lie within a fifth of the font size form a baseline;
// within a baseline, chunks are ordered left to right. Keeping chunks
// whole means that two pieces of text printed over each other stay apart
// rather than interleave letter by letter. A space character, or a gap of
// more than 0.15 of the font size (kerning, a moved pen), separates words,
// and words split across text objects ("childre" / "n") are joined. A gap
// of more than 1.5 times the font size that is either wider than 4 times
// the font size or 3 times the baseline's usual gap between words splits
// the baseline into two Lines, so that an address block printed beside the
// recipient, or the cells of a table, come out as separate lines with
// their own X; the spaces of a justified line, all alike, do not split it,
// and neither does the gap after a list label (a bullet or other mark,
// "1.", "a)").
//
// A baseline of smaller characters raised by 0.15 to 0.6 of the font size
// above a neighbouring baseline, and touching its text, is folded into it
// as superscripts (footnote markers such as the "1" of "practice?1",
// ordinals such as "18th"), whose byte ranges Line.Sup gives. A copy of a
// chunk drawn over most of it (overprinting, a text box laid twice, fake
// bold) counts once; a different text printed over the text before it on
// its baseline (two text boxes laid on one another) starts a line of its
// own. Text that is not upright (rotated) comes after the upright lines of
// its page, one line for each string shown.
//
// # Hostile input
//
// Read never panics and returns within Limits.Timeout, and it bounds the
// work and memory it spends on one file: under 256 MB whatever the file.
// The PDF library panics on many malformed inputs; Read recovers from them for the whole document, so
// that an error on one page fails the file with a *PageError naming the
// page. A page whose objects cannot be read fails the document rather than
// leaving a silent gap in its text. A stream whose /Length does not end
// at its endstream is read up to the endstream, as pdftotext does, and
// a compressed stream cut short keeps what decodes; either way the page
// gets a warning.
//
// The library also has loops that no recover can reach. Its lexer, reading
// a stream, takes the end of the data for endless white space: its
// hex-string reader (readHexString) skips white space while it waits for
// the closing ">", so a "<" without one, at the end of a content stream
// or a CMap, loops for ever without reading or allocating. That is why
// this package lexes content streams and CMaps itself, with a lexer that
// stops at the end of its input; it never calls the library's Interpret,
// Content, GetPlainText or Font.Encoder. The library's lexer still reads
// object streams the same way, so before the library sees a file,
// checkStructure follows its cross-reference sections from startxref as
// the library will and refuses, as ErrMalformed:
//
//   - an object stream with an unterminated hex string, or more objects
//     than bytes;
//   - an object stream inside an object stream (the library would recurse
//     until the stack overflows, which is fatal, not a panic);
//   - a cycle of /Prev offsets;
//   - object numbers above 1,048,576 and field widths above 8 bytes in a
//     cross-reference section, and predictor rows wider than 65,536 bytes
//     (the library would allocate by them, beyond the machine's memory).
//
// Beyond that, Read counts the work a file takes and refuses the file, as
// a *LimitError wrapping ErrTooLarge, as soon as a count passes its limit
// (Limits). The counts are of work, not time, so a file gets the same
// answer on any machine under any load, and each stops the work before it
// is done: streams are decoded through a limited reader, and the arrays
// of the file are measured before the library reads them. Each default
// stands far above the largest count of the 344 letters of the shared
// corpus (TestCorpus checks at least 4 times):
//
//	limit            default      largest in the corpus  counts
//	MaxFileSize      64 MiB       513,922                bytes of the file
//	MaxPages         2,000        7                      pages
//	MaxObjects       100,000      2,111                  objects the cross-reference sections list
//	MaxArray         100,000      465                    elements of one array or dictionary
//	MaxLibraryBytes  256 MiB      407,349                bytes the library reads to find objects
//	MaxStreams       20,000       27                     streams decoded (a form each time drawn)
//	MaxStreamSize    16 MiB       81,627                 bytes decoded from one stream
//	MaxStreamBytes   64 MiB       319,286                bytes decoded from all streams
//	MaxOps           2,000,000    29,604                 content-stream operators
//	MaxGlyphs        500,000      18,122                 characters shown
//	MaxChunks        200,000      12,593                 strings shown
//	Timeout          20 s         -                      wall time: the last resort only
//
// The library decodes an object stream afresh for each object it looks up
// there, so each byte it reads of a compressed object stream counts as
// many bytes as the stream expands to. The nesting of q and of form
// XObjects, the depth of the page tree and the object numbers are bounded
// too, and the page tree is walked here with a check for cycles. The
// files made to pass each limit (decompression bombs in a page's content,
// a ToUnicode map, a font program and an object stream; 200,000 objects;
// a 5-million-entry Widths array; 50 million operators; a million
// overprinted strings; 500,000 content references) are each refused
// within about a second, even on a loaded machine, having allocated at
// most 175 MB (BenchmarkHostile; TestHostile checks the reasons).
//
// As a last resort, Read runs the extraction in a goroutine and gives up
// after Limits.Timeout, or when its context is done; the budget reader
// then makes the extraction's next read panic, and the interpreter
// checks between operators, which ends it.
//
// BUG(pdftext): A loop of the PDF library that neither reads nor
// allocates, in an input that checkStructure does not foresee, keeps one
// goroutine busy after Read has returned ErrTooLarge, until the program
// exits. None is known.
//
// BUG(pdftext): Streams in filters the PDF library does not decode
// (LZWDecode, ASCIIHexDecode, RunLengthDecode) make Read fail with
// ErrMalformed, and a damaged cross-reference table is not rebuilt from
// the objects, as some readers do.
package pdftext
