#!/bin/sh
# Times `caseload import releases` on synthetic files of several sizes with the release build,
# and reports wall time and peak memory (maximum resident set size) from /usr/bin/time -v.
#
#   swift build -c release --product caseload
#   Benchmarks/import-bench.sh 25000 100000
set -eu
bin=${CASELOAD_BIN:-.build/release/caseload}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "$@"; do
    db="$work/import-$n.sqlite"
    python3 Benchmarks/make-releases-csv.py "$n" 50 > "$work/releases-$n.csv"
    "$bin" init --db "$db" --admin root --timezone Europe/London --as-of 2026-01-01 > /dev/null
    "$bin" officer add --db "$db" --actor root --id chief --name "Chief" --role supervisor --as-of 2026-01-01 > /dev/null
    i=1
    while [ "$i" -le 50 ]; do
        "$bin" officer add --db "$db" --actor root --id "po-$(printf %04d "$i")" --name "Officer $i" --role officer \
            --as-of 2026-01-01 > /dev/null
        i=$((i + 1))
    done
    for mode in --dry-run ""; do
        /usr/bin/time -v "$bin" import releases "$work/releases-$n.csv" $mode --db "$db" --actor chief \
            --as-of 2026-01-02 --format json > "$work/out.json" 2> "$work/time.txt"
        wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
        echo "rows=$n mode=${mode:-import} wall=$wall maxRSS_kB=$rss file_bytes=$(wc -c < "$work/releases-$n.csv") db_bytes=$(wc -c < "$db")"
    done
    "$bin" audit verify --db "$db" > /dev/null && echo "rows=$n audit verify: intact"
done
