#!/bin/sh
# synth-records: a synthetic corpus of N records made of copies of the
# records in a folder, for benchmarks of the analysis commands. Copy k of
# a record (k = 1, 2, ...) is the same letter of another authority: its
# authority_key gains "-k", its local authority " k" and its SHA-256 a
# new first five hex digits, so that no two copies are one visit (which
# themes, diff and report would keep once).
#
# Usage: scripts/synth-records.sh FROM TO N
set -eu
from=$1 to=$2 n=$3
mkdir -p "$to"
to=$(cd "$to" && pwd)
ls "$from" | grep -E '\.ya?ml$' | sort > "$to/.list"
per=$(wc -l < "$to/.list")
k=0 made=0
while [ "$made" -lt "$n" ]; do
	want=$((n - made))
	[ "$want" -gt "$per" ] && want=$per
	head -n "$want" "$to/.list" | (cd "$from" && xargs awk -v k="$k" -v to="$to" '
		FNR == 1 { if (out != "") close(out); out = to "/" sprintf("%03d", k) "-" FILENAME }
		k > 0 && /^  authority_key: / { $0 = $0 "-" k }
		k > 0 && /^  local_authority: / { $0 = $0 " " k }
		k > 0 && /^  sha256: / { $0 = "  sha256: " sprintf("%05x", k) substr($2, 6) }
		{ print > out }')
	made=$((made + want))
	k=$((k + 1))
done
rm "$to/.list"
