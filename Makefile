# The steps CI and developers run. `make check` is what .ci/run runs.
GO ?= go
STATICCHECK = honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: accuracy fuzz-analyse build check fmt-check vet staticcheck test race bench fuzz tidy-check

build:
	$(GO) build -o letters ./cmd/letters

check: fmt-check vet staticcheck tidy-check test race

fmt-check:
	@test -z "$$(gofmt -l .)" || { gofmt -d .; exit 1; }

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) run $(STATICCHECK) ./...

tidy-check:
	@cp go.mod /tmp/letters-go.mod.bak; cp go.sum /tmp/letters-go.sum.bak 2>/dev/null || true
	@$(GO) mod tidy && git diff --exit-code go.mod go.sum || { echo "go mod tidy changes go.mod/go.sum: run it and commit"; exit 1; }

test:
	$(GO) test ./...

race:
	$(GO) test -race ./...

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# Scores of the theme analyser against the hand labels of analyse/testdata/labels.
accuracy:
	$(GO) test -count=1 -run Accuracy -v ./analyse

# Smoke runs of the analyse fuzz targets (untrusted codebooks, sentence splitter).
fuzz-analyse:
	$(GO) test -run='^$$' -fuzz=FuzzLoadCodebook -fuzztime=10s ./analyse
	$(GO) test -run='^$$' -fuzz=FuzzSentences -fuzztime=10s ./analyse
