#!/bin/sh
# bench-corpus: letters parse --out-dir over a corpus of PDF letters, cold
# and then incrementally (nothing changed), and over synthetic corpora of
# 1,000, 5,000 and 10,000 letters made of copies of it under new names.
# Prints wall time, CPU time, letters per second and peak memory of each.
# Then the analysis commands over synthetic folders of records of the same
# sizes (scripts/synth-records.sh: copies of the corpus's records as other
# authorities): diff cold (an empty profile cache) and, warm, diff, themes,
# summary, diff -o json, themes -o json, diff --evidence, export (a
# REFI-QDA project), report --out-dir (a site: its pages and size) and
# report --out (one page, refused over 20 MB). To time the opening of the
# pages in headless Chromium, see BenchmarkReportOpen in
# render/open_bench_test.go.
#
# Usage: scripts/bench-corpus.sh [folder] [sizes...]
#   default folder ../shared/corpus/focused-visits, sizes 1000 5000 10000.
# Needs GNU time (/usr/bin/time) for peak memory; the copies need about
# 0.3 MB of disk a letter in $TMPDIR.
set -eu
dir=${1:-../shared/corpus/focused-visits}
[ $# -gt 0 ] && shift
sizes=${*:-1000 5000 10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "$(find "$dir" -maxdepth 1 -name '*.pdf' | head -1)" ] || { echo "bench-corpus: no PDFs in $dir" >&2; exit 1; }
go build -o "$tmp/letters" ./cmd/letters

run() { # label count unit args...: time letters args, count units of input
	label=$1 count=$2 unit=$3
	shift 3
	/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$tmp/letters" "$@" > /dev/null 2> "$tmp/err" || true
	read -r wall user sys peak < "$tmp/time"
	awk -v l="$label" -v n="$count" -v unit="$unit" -v w="$wall" -v u="$user" -v s="$sys" -v p="$peak" \
		'BEGIN { printf "%-28s %6d %-7s  wall %7.2f s  cpu %7.2f s", l, n, unit, w, u+s
			if (unit == "letters") printf "  %7.0f letters/s", (w > 0 ? n/w : 0)
			printf "  peak %4.0f MB\n", p/1024 }'
	[ ! -s "$tmp/err" ] || echo "    $(wc -l < "$tmp/err") lines on stderr, the first: $(head -1 "$tmp/err")"
}

n=$(find "$dir" -maxdepth 1 -name '*.pdf' | wc -l)
run "corpus, cold" "$n" letters parse -q "$dir" --out-dir "$tmp/records"
run "corpus, nothing changed" "$n" letters parse -q "$dir" --out-dir "$tmp/records"

for size in $sizes; do
	mkdir "$tmp/c$size"
	i=0
	while [ "$i" -lt "$size" ]; do
		for f in "$dir"/*.pdf; do
			[ "$i" -ge "$size" ] && break
			cp "$f" "$tmp/c$size/$(printf %05d "$i")-$(basename "$f")"
			i=$((i + 1))
		done
	done
	run "synthetic, cold" "$size" letters parse -q "$tmp/c$size" --out-dir "$tmp/r$size"
	run "synthetic, nothing changed" "$size" letters parse -q "$tmp/c$size" --out-dir "$tmp/r$size"
	rm -rf "$tmp/c$size" "$tmp/r$size"
done

for size in $sizes; do
	sh scripts/synth-records.sh "$tmp/records" "$tmp/s$size" "$size"
	run "diff, cold" "$size" records diff "$tmp/s$size"
	run "diff, warm" "$size" records diff "$tmp/s$size"
	run "themes, warm" "$size" records themes "$tmp/s$size"
	run "summary, warm" "$size" records summary "$tmp/s$size"
	run "diff -o json, warm" "$size" records diff -o json "$tmp/s$size"
	run "themes -o json, warm" "$size" records themes -o json "$tmp/s$size"
	run "diff --evidence, warm" "$size" records diff --evidence "$tmp/s$size"
	run "export, warm" "$size" records export --qdpx "$tmp/export.qdpx" "$tmp/s$size"
	rm -f "$tmp/export.qdpx"
	run "report --out-dir, warm" "$size" records report --out-dir "$tmp/site" "$tmp/s$size"
	du -sk "$tmp/site" | awk -v n="$size" -v pages="$(ls "$tmp/site" | wc -l)" -v idx="$(ls "$tmp/site"/index*.html | wc -l)" \
		-v largest="$(ls -l "$tmp/site" | awk 'NR > 1 && $5 > m { m = $5 } END { print m }')" \
		'{ printf "%-28s %6s records  %d pages (%d of the index), %.0f MB, the largest %.2f MB\n", "report site", n, pages, idx, $1/1024, largest/1048576 }'
	# --out refuses a page over 20 MB (exit 2): how long it takes to say so
	run "report --out, warm" "$size" records report --out "$tmp/page.html" "$tmp/s$size"
	[ ! -e "$tmp/page.html" ] || ls -l "$tmp/page.html" | awk '{ printf "%-28s %6s records  page %.1f MB\n", "report page", "'"$size"'", $5/1048576 }'
	rm -rf "$tmp/s$size" "$tmp/page.html" "$tmp/site"
done
