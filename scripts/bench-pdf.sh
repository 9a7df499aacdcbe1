#!/bin/sh
# bench-pdf: letters parse over a folder of PDF letters, against pdftotext
# over the same files with the same parallelism. Prints the wall times and
# their ratio, the peak memory of letters parse, and, through the corpus
# tests, record completeness, U+FFFD count and word agreement.
#
# Usage: scripts/bench-pdf.sh [folder]   (JOBS=n sets the parallelism;
# default: the number of CPUs). Needs pdftotext (poppler-utils).
set -eu
dir=${1:-../shared/corpus/focused-visits}
jobs=${JOBS:-$(nproc)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=$(find "$dir" -maxdepth 1 -name '*.pdf' | wc -l)
[ "$n" -gt 0 ] || { echo "bench-pdf: no PDFs in $dir" >&2; exit 1; }
go build -o "$tmp/letters" ./cmd/letters

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }

# One warm-up pass over the files, so that neither side pays for a cold
# page cache.
cat "$dir"/*.pdf > /dev/null

t0=$(now)
find "$dir" -maxdepth 1 -name '*.pdf' -print0 | xargs -0 -P "$jobs" -I{} pdftotext -q {} /dev/null
t1=$(now)
pdftotext_ms=$(ms "$t0" "$t1")

if [ -x /usr/bin/time ]; then
	t0=$(now)
	/usr/bin/time -f '%M' -o "$tmp/rss" "$tmp/letters" parse -q -j "$jobs" "$dir" > "$tmp/records.yaml" 2> "$tmp/errors" || true
	t1=$(now)
	rss="$(($(cat "$tmp/rss") / 1024)) MB"
else
	t0=$(now)
	"$tmp/letters" parse -q -j "$jobs" "$dir" > "$tmp/records.yaml" 2> "$tmp/errors" || true
	t1=$(now)
	rss="unknown (no /usr/bin/time)"
fi
letters_ms=$(ms "$t0" "$t1")

echo "files:                     $n PDFs in $dir, $jobs at a time"
echo "pdftotext wall time:       $pdftotext_ms ms"
echo "letters parse wall time:   $letters_ms ms ($(awk "BEGIN { printf \"%.2f\", $letters_ms / $pdftotext_ms }") of pdftotext's)"
echo "letters parse peak memory: $rss"
echo "letters parse failures:    $(wc -l < "$tmp/errors")"
sed 's/^/  /' "$tmp/errors"
echo
go test -count=1 -run 'TestCorpusPDF$' -v ./parse -corpus="$(cd "$dir" && pwd)" | grep -E '^\s+pdf_corpus_test|^(ok|FAIL|---)'
go test -count=1 -run 'TestCorpus' -v ./internal/pdftext -corpus="$(cd "$dir" && pwd)" | grep -E 'corpus_test|^(ok|FAIL|---)'
