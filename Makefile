# The steps CI and developers run. `make check` is what .ci/run runs.
GO ?= go
STATICCHECK = honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: build check fmt-check vet staticcheck test race bench fuzz fuzz-smoke corpus tidy-check accuracy accuracy-nested accuracy-seeds accuracy-curve score-unseen train vectors audit phrase-hits phrase-most fuzz-analyse bench-pdf fuzz-pdf bench-corpus readme-corpus

# CGO_ENABLED=0: letters is pure Go, and without cgo the binary is static
# and does not load the C library at each start (the net package, which
# pflag and the progress bar link, would otherwise bring in cgo's
# resolver): 3 to 7 ms of CPU less for every command (README: Start-up).
# -buildvcs=auto: the commit goes into the binary even where GOFLAGS says
# -buildvcs=false, so `letters version` names the analyser that made a
# result (v0.0.0-<time>-<commit>, +dirty for uncommitted changes); outside
# a git checkout it reads (devel). In a git worktree, whose .git is a
# file that go build's stamping does not read, the same version is made
# from git and given to the linker (worktreeVersion).
build:
	CGO_ENABLED=0 $(GO) build -buildvcs=auto $(worktreeLdflags) -o letters ./cmd/letters

# worktreeVersion is, in a git worktree only, the version go build stamps
# in a checkout: v0.0.0-<commit time, UTC>-<12 hex digits of the commit>,
# +dirty when tracked or untracked files differ from it. Go bases that
# pseudo-version on the latest semver tag; the repository has none, so
# it starts v0.0.0 (once it is tagged, derive it with git describe).
# Set with =, so that git runs only when build reads them.
worktreeVersion = $(shell test -f .git && TZ=UTC git log -1 --date=format-local:%Y%m%d%H%M%S --format=v0.0.0-%cd-%H 2>/dev/null | cut -c1-34)$(shell test -f .git && test -n "$$(git status --porcelain 2>/dev/null)" && echo +dirty)
worktreeLdflags = $(if $(worktreeVersion),-ldflags "-X github.com/ofsted-letters/letters/cmd.version=$(worktreeVersion)")

check: fmt-check vet staticcheck tidy-check test race

fmt-check:
	@test -z "$$(gofmt -l .)" || { gofmt -d .; exit 1; }

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) run $(STATICCHECK) ./...

tidy-check:
	@$(GO) mod tidy && git diff --exit-code go.mod go.sum || { echo "go mod tidy changes go.mod/go.sum: run it and commit"; exit 1; }

test:
	$(GO) test ./...

race:
	$(GO) test -race ./...

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# letters validate: a short fuzz of the validator on untrusted YAML, of its
# quick schema checker and fast YAML reader against the JSON Schema library
# and yaml.v3, and the 10,000-record benchmark.
.PHONY: fuzz-validate bench-validate
fuzz-validate:
	$(GO) test -run='^$$' -fuzz='^FuzzFile$$' -fuzztime=30s -fuzzminimizetime=5s ./validate
	$(GO) test -run='^$$' -fuzz='^FuzzQuickAgrees$$' -fuzztime=30s -fuzzminimizetime=5s ./validate
	$(GO) test -run='^$$' -fuzz='^FuzzReadBlock$$' -fuzztime=30s -fuzzminimizetime=5s ./record

bench-validate:
	$(GO) test -run='^$$' -bench=BenchmarkValidate10k -benchtime=3x ./validate

# Fuzz the text parser; crashers land in parse/testdata/fuzz and become
# regression cases once committed.
fuzz:
	$(GO) test ./parse -run='^$$' -fuzz='^FuzzParseText$$' -fuzztime=30s -fuzzminimizetime=1s

# A few hundred inputs of each fuzz target, as CI runs it. A count, not a
# duration: when -fuzztime's deadline falls while a worker is minimising a
# new input, go test reports "context deadline exceeded" as a failure of
# the target (seen in CI on FuzzFile at load), though nothing failed.
FUZZ_SMOKE_INPUTS ?= 300x
fuzz-smoke:
	$(GO) test ./parse -run='^$$' -fuzz='^FuzzParseText$$' -fuzztime=$(FUZZ_SMOKE_INPUTS) -fuzzminimizetime=1s
	$(GO) test ./validate -run='^$$' -fuzz='^FuzzFile$$' -fuzztime=$(FUZZ_SMOKE_INPUTS) -fuzzminimizetime=1s
	$(GO) test ./validate -run='^$$' -fuzz='^FuzzQuickAgrees$$' -fuzztime=$(FUZZ_SMOKE_INPUTS) -fuzzminimizetime=1s
	$(GO) test ./record -run='^$$' -fuzz='^FuzzReadBlock$$' -fuzztime=$(FUZZ_SMOKE_INPUTS) -fuzzminimizetime=1s
	$(GO) test ./record -run='^$$' -fuzz='^FuzzDecode$$' -fuzztime=$(FUZZ_SMOKE_INPUTS) -fuzzminimizetime=1s
	$(GO) test ./record -run='^$$' -fuzz='^FuzzDecodeBlock$$' -fuzztime=$(FUZZ_SMOKE_INPUTS) -fuzzminimizetime=1s
	$(GO) test ./record -run='^$$' -fuzz='^FuzzAppendYAML$$' -fuzztime=$(FUZZ_SMOKE_INPUTS) -fuzzminimizetime=1s
	$(GO) test ./internal/pdftext -run='^$$' -fuzz='^FuzzRead$$' -fuzztime=$(FUZZ_SMOKE_INPUTS) -fuzzminimizetime=1s
	$(GO) test ./parse -run='^$$' -fuzz='^FuzzParsePDF$$' -fuzztime=$(FUZZ_SMOKE_INPUTS) -fuzzminimizetime=1s
	$(GO) test ./analyse -run='^$$' -fuzz='^FuzzLoadCodebook$$' -fuzztime=$(FUZZ_SMOKE_INPUTS) -fuzzminimizetime=1s

# Every letter of the shared focused-visit corpus through pdftotext
# (needs poppler-utils and ../shared).
CORPUS ?= $(abspath ../shared/corpus/focused-visits)
corpus:
	$(GO) test ./parse -run=Corpus -v -corpus=$(CORPUS) -timeout=30m

# The README's figures over the corpus (the blocks after a corpus-figures
# comment, the research question's prose, the export's counts, what
# themes --below 0.7 keeps) computed again with the shipped model and
# written into README.md: run after make train, then read git diff
# README.md (needs ../shared).
# go test ./cmd -run ReadmeCorpus checks them without writing.
readme-corpus:
	$(GO) test ./cmd -count=1 -run '^TestReadmeCorpus$$' -update

# Scores of the theme analyser: the rules on their tuning labels
# (analyse/testdata/labels), and rules and sentence model on the
# development set (analyse/testdata/dev and the batches that joined it),
# out of fold and in sample, and on the two held-out sets
# (analyse/testdata/heldout, heldout2) that nothing is trained on.
accuracy:
	$(GO) test -count=1 -run Accuracy -v ./analyse

# Train the sentence model on the development set (analyse/testdata/dev and
# the batches that joined it: batch2, batch3, batch5, batch6, batch7, batch9,
# batch10, jtai, jtai2) and write analyse/model.bin (embedded in the
# binary), the mean of three models trained side by side (about 3 minutes
# on 2 cores); bit for bit reproducible.
# It reads the word vectors of analyse/vectors.bin (make vectors).
train:
	$(GO) test -count=1 -run '^TestTrainModel$$' ./analyse -args -train

# Learn the word vectors that the sentence model reads from the corpus
# letters that no labelled set holds (the focused visits and the joint
# targeted area inspections), and write analyse/vectors.bin (embedded in
# the binary); bit for bit reproducible. Needs ../shared
# (VECTORS_CORPUS=DIR,DIR reads the records of letters parse --out-dir
# instead of the PDFs). Run make train after it.
vectors:
	$(GO) test -count=1 -v -run '^TestTrainVectors$$' ./analyse -args -vectors $(if $(VECTORS_CORPUS),-vectors-corpus $(VECTORS_CORPUS))

# The model with its hyperparameters chosen by nested cross-validation,
# scored out of fold (each model the mean of three: about 40 minutes on
# 2 cores, 278 letters).
accuracy-nested:
	$(GO) test -count=1 -timeout 0 -v -run '^TestNestedCV$$' ./analyse -args -nested

# The model scored out of fold with five seeds of its training order: the
# spread is the noise under any out-of-fold comparison (each model the
# mean of three: 8 to 20 minutes on 278 letters, 2 cores; no test time
# limit).
accuracy-seeds:
	$(GO) test -count=1 -timeout 0 -v -run '^TestSeedSpread$$' ./analyse -args -seeds

# A learning curve: the model out of fold trained on 40, 60, 80 and 100%
# of each fold's training authorities (3 seeds each): would more labelled
# letters help, and by how much (each model the mean of three: about 20
# minutes on 2 cores).
accuracy-curve:
	$(GO) test -count=1 -timeout 0 -v -run '^TestLearningCurve$$' ./analyse -args -curve

# A newly labelled folder (laid out as analyse/testdata/dev: A, B, gold,
# records) scored by the shipped analyser and the rules alone, before it
# joins any set: make score-unseen DIR=/path/to/batch. Score it once.
score-unseen:
	$(if $(DIR),,$(error score-unseen: DIR=... names the labelled folder))
	$(GO) test -count=1 -v -run '^TestScoreUnseen$$' ./analyse -args -unseen $(abspath $(DIR))

# A random sample of a codebook phrase's hits in the findings of the
# corpus letters that no labelled set holds, to judge its precision: make
# audit TERM='stability' (several: TERM='a b; c d'; needs ../shared; AUDIT_CORPUS=DIR reads the records of letters parse
# --out-dir instead of the PDFs).
audit:
	$(GO) test -count=1 -v -run '^TestTermAudit$$' ./analyse -args -term '$(TERM)' -sample $(or $(SAMPLE),20) $(if $(AUDIT_CORPUS),-audit-corpus $(AUDIT_CORPUS))

# The codebook's phrases with at most $(HITS) (default 1) hits in the findings
# of the corpus: candidates for patches that fit one sentence (needs
# ../shared; AUDIT_CORPUS=DIR reads records that letters parse --out-dir
# wrote instead of the PDFs, which is faster).
phrase-hits:
	$(GO) test -count=1 -v -run '^TestPhraseHits$$' ./analyse -args -phrase-hits $(or $(HITS),1) $(if $(AUDIT_CORPUS),-audit-corpus $(AUDIT_CORPUS))

# The $(or $(N),40) theme terms of more than one word with the most hits in the
# findings of the unlabelled corpus letters: the phrases to audit first
# (needs ../shared; AUDIT_CORPUS=DIR as above).
phrase-most:
	$(GO) test -count=1 -v -run '^TestPhraseMost$$' ./analyse -args -phrase-most $(or $(N),40) $(if $(AUDIT_CORPUS),-audit-corpus $(AUDIT_CORPUS))

# PDF input: letters parse of a folder against pdftotext with the same
# parallelism (wall time, peak memory), then record completeness, U+FFFD
# and word agreement (needs poppler-utils and ../shared).
bench-pdf:
	sh scripts/bench-pdf.sh $(CORPUS)

# letters parse --out-dir over the corpus, cold and incremental, and over
# synthetic corpora of 1k, 5k and 10k letters: wall, CPU, rate, memory.
bench-corpus:
	sh scripts/bench-corpus.sh $(CORPUS)

# Fuzz the PDF reader; crashers land in internal/pdftext/testdata/fuzz.
fuzz-pdf:
	$(GO) test ./internal/pdftext -run='^$$' -fuzz='^FuzzRead$$' -fuzztime=60s -fuzzminimizetime=5s

# Smoke runs of the analyse fuzz targets (untrusted codebooks, sentence splitter).
fuzz-analyse:
	$(GO) test -run='^$$' -fuzz='^FuzzLoadCodebook$$' -fuzztime=10s ./analyse
	$(GO) test -run='^$$' -fuzz='^FuzzSentences$$' -fuzztime=10s ./analyse
