// Package analyse reads the findings of parsed letters (record.Record) and
// says what each letter finds about each theme of social work practice, and
// how that changed from one visit to the next.
//
// It does not read files, print or know about commands: records in,
// statuses and outcomes out. The theme ids and outcome words are a user
// contract, declared once in themes.go (see themes.md).
//
// # Pipeline
//
//  1. Sentences splits each paragraph of the findings sections (overview,
//     headline findings, findings, what needs to improve, areas for priority
//     action) into sentences.
//  2. Codebook.Judge divides a sentence into clauses (main, conceded,
//     condition), scores each clause's polarity from the codebook's judging
//     phrases under the built-in rules of contrast, negation, degree, change
//     and past time, and tags the themes each clause names. A theme takes
//     the polarity of the clause that names it: "Although children's views
//     inform their plans, care plans are too variable" is positive for
//     voice-of-child and negative for planning, negative as a sentence.
//     In a letter's findings, a sentence that no phrase judges and that
//     describes practice as it stands ("Urgent situations are responded to
//     immediately") is a strength, as inspectors name shortfalls and state
//     what works plainly; one that elaborates ("This includes ..."), counts,
//     or tells of the past or of intentions stays neutral.
//  3. The sentence model (Model, model.go) then decides, for each sentence
//     and core theme, whether the sentence judges the theme and how: three
//     logistic regressions over hashed features of the words, the
//     paragraph and the rules' reading, and over the mean word vectors
//     (vectors.go, learned from the unlabelled corpus letters by
//     TestTrainVectors, make vectors) of the sentence, its paragraph's
//     opening and the words around the theme's phrase. Where the rules judge the theme,
//     their polarity is a prior on the heads' log-odds (ruleLogit), which
//     the heads can outweigh. Evidence carries each sentence's score, a
//     status the model's confidence: the chance that a coder agrees,
//     calibrated out of fold (calibration.go). It is trained from the labels of
//     the development set (testdata/dev and the batches that joined it)
//     by TestTrainModel (make train)
//     and embedded.
//  4. Codebook.Profile rolls the sentences of one letter up into a status
//     per theme (concern, strength, mixed, absent) with the evidence
//     sentences and where they stand. Bullets of "What needs to improve"
//     and "Areas for priority action" are concerns by definition; "Areas
//     covered" and a focused visit's focus mark the themes the visit
//     examined.
//  5. Compare and Track turn the profiles of one authority's visits into
//     outcomes (recurring, resolved, new, sustained, not-revisited, absent):
//     a concern that a later letter does not judge is not-revisited, never
//     resolved.
//
// # Codebook
//
// How themes and judgements are detected lives in a codebook, a YAML file
// (codebook.yaml, embedded in the binary; its header documents the
// format). LoadCodebook extends it with a researcher's file, or replaces it
// (mode: replace) provided every core theme is still defined.
//
// # Known limits
//
// The rules read one sentence at a time. A sentence that judges without
// naming its subject inherits the themes of the sentence before it only
// when it opens by referring back ("This means ...", "However, ...") or
// its subject is a pronoun ("However, this is not always ..."); one
// that refers to its subject only through the paragraph or the visit's
// focus ("Staff in the FAS are reflective") names no theme. Irony, comparisons across
// sentences and judgements carried only by numbers are not understood.
// The model narrows what the rules miss only a little: out of fold on the
// 278 letters of the development set (248 focused visits and 30 joint
// targeted area inspections), statuses agree with adjudicated labels in
// 85.2% of cells (the rules alone: 80%; two coders: 97%); on the 63
// focused visits of batch11 and the 18 JTAI letters of jtai3, which
// nothing was fitted to, 86% and 87%. The three monitoring letters of
// testdata/monitoring (the sample letters, which the rules were written
// beside) agree in 54 of 57 cells.
// Accuracy is measured by TestAccuracyDevSet and TestAccuracy and
// reported in README.md.
//
// Across the repository, a line of a letter is classified in one place,
// classify in parse/lines.go; a record is read in one place, package
// record (codec.go); and the outputs of themes, diff,
// summary, report and export are drawn in package render.
package analyse
