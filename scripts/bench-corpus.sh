#!/bin/sh
# bench-corpus: letters parse --out-dir over a corpus of PDF letters, cold
# and then incrementally (nothing changed), and over synthetic corpora of
# 1,000, 5,000 and 10,000 letters made of copies of it under new names.
# Prints wall time, CPU time, letters per second and peak memory of each.
# Then the analysis commands over synthetic folders of records of the same
# sizes (scripts/synth-records.sh: copies of the corpus's records as other
# authorities): diff cold (an empty profile cache) and, warm, diff, themes,
# summary, diff -o json and report.
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

run() { # label count args...
	label=$1 count=$2
	shift 2
	/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$tmp/letters" parse -q "$@" || true
	read -r wall user sys peak < "$tmp/time"
	awk -v l="$label" -v n="$count" -v w="$wall" -v u="$user" -v s="$sys" -v p="$peak" \
		'BEGIN { printf "%-28s %6d letters  wall %7.2f s  cpu %7.2f s  %7.0f letters/s  peak %4.0f MB\n", l, n, w, u+s, (w > 0 ? n/w : 0), p/1024 }'
}

n=$(find "$dir" -maxdepth 1 -name '*.pdf' | wc -l)
run "corpus, cold" "$n" "$dir" --out-dir "$tmp/records"
run "corpus, nothing changed" "$n" "$dir" --out-dir "$tmp/records"

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
	run "synthetic, cold" "$size" "$tmp/c$size" --out-dir "$tmp/r$size"
	run "synthetic, nothing changed" "$size" "$tmp/c$size" --out-dir "$tmp/r$size"
	rm -rf "$tmp/c$size" "$tmp/r$size"
done

arun() { # label count args...
	label=$1 count=$2
	shift 2
	/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$tmp/letters" "$@" > /dev/null 2>&1 || true
	read -r wall user sys peak < "$tmp/time"
	awk -v l="$label" -v n="$count" -v w="$wall" -v u="$user" -v s="$sys" -v p="$peak" \
		'BEGIN { printf "%-28s %6d records  wall %7.2f s  cpu %7.2f s  peak %4.0f MB\n", l, n, w, u+s, p/1024 }'
}

for size in $sizes; do
	sh scripts/synth-records.sh "$tmp/records" "$tmp/s$size" "$size"
	arun "diff, cold" "$size" diff "$tmp/s$size"
	arun "diff, warm" "$size" diff "$tmp/s$size"
	arun "themes, warm" "$size" themes "$tmp/s$size"
	arun "summary, warm" "$size" summary "$tmp/s$size"
	arun "diff -o json, warm" "$size" diff -o json "$tmp/s$size"
	arun "report, warm" "$size" report --out "$tmp/page.html" "$tmp/s$size"
	ls -l "$tmp/page.html" | awk '{ printf "%-28s %6s records  page %.1f MB\n", "report page", "'"$size"'", $5/1048576 }'
	rm -rf "$tmp/s$size" "$tmp/page.html"
done
