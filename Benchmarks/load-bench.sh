#!/usr/bin/env bash
# Load benchmark of `caseload serve` (issue #11 point 7): wrk against a server on 127.0.0.1 over a
# synthetic agency built by caseload-bench. See Benchmarks/README.md, "Load benchmark".
#
#   Benchmarks/load-bench.sh [--scale N] [--dir DIR] [--keep] [--port P] [--duration 10s]
#                            [--supervisees K]
#
# --keep reuses DIR/agency-N.sqlite if it is there (and keeps it); every run works on a fresh copy
# of it, so runs do not inherit each other's accounts and entries. Needs wrk (apt-get install wrk),
# sqlite3, curl and python3.
set -euo pipefail

scale=20000 dir="" keep=0 port=18080 duration=10s supervisees=64
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) scale="$2"; shift 2 ;;
        --dir) dir="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --port) port="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --supervisees) supervisees="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "unknown argument $1" >&2; exit 64 ;;
    esac
done
for tool in wrk sqlite3 curl python3; do
    command -v "$tool" >/dev/null || { echo "load-bench: $tool is needed" >&2; exit 69; }
done

root="$(cd "$(dirname "$0")/.." && pwd)"
wrkdir="$root/Benchmarks/wrk"
made_dir=0
if [ -z "$dir" ]; then dir="$(mktemp -d)"; made_dir=1; fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
    if [ "$keep" -eq 0 ]; then
        rm -f "$dir/agency-$scale.sqlite"* "$dir/agency-$((scale / 4 > 0 ? scale / 4 : 1))-small.sqlite"*
        if [ "$made_dir" -eq 1 ]; then rmdir "$dir" 2>/dev/null || true; fi
    fi
}
trap cleanup EXIT

say() { echo "· $*" >&2; }

say "building release"
(cd "$root" && swift build -c release 2>&1 | tail -1) >&2
bin="$root/.build/release"

agency="$dir/agency-$scale.sqlite"
if [ "$keep" -eq 1 ] && [ -f "$agency" ]; then
    say "reusing $agency"
else
    say "building the agency at scale $scale (caseload-bench --keep --reps 1)"
    "$bin/caseload-bench" --scale "$scale" --reps 1 --keep --dir "$dir" >/dev/null
fi
db="$work/run.sqlite"
sqlite3 "$agency" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$agency" "$db"

cli() { "$bin/caseload" "$@" --db "$db"; }

officer="po-0001"
# The server acts at today's date; the agency's history ends at its own clock, so only terms
# still open today can take a life-log entry.
today="$(date -u +%F)"
sqlite3 "$db" "SELECT p.case_ref FROM supervision_term t JOIN person p ON p.id = t.person_id
               WHERE t.officer_id = '$officer' ORDER BY t.id;" > "$work/cases.txt"
sqlite3 "$db" "SELECT p.case_ref FROM supervision_term t JOIN person p ON p.id = t.person_id
               WHERE t.status = 'open' AND t.starts_on <= '$today' AND t.ends_on > '$today'
               ORDER BY t.id LIMIT $supervisees;" > "$work/supervisees.txt"
[ -s "$work/cases.txt" ] || { echo "load-bench: no cases for $officer" >&2; exit 1; }
found=$(wc -l < "$work/supervisees.txt")
[ "$found" -ge 1 ] || { echo "load-bench: no term open today to submit for" >&2; exit 1; }
say "$(wc -l < "$work/cases.txt") cases of $officer; $found supervisees with a term open today"

code_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])'; }
say "inviting $officer and the supervisees (command line)"
cli account invite --id "$officer" --actor admin --format json | code_of > "$work/officer.code"
while read -r ref; do
    printf '%s %s\n' "$ref" "$(cli account invite --case-ref "$ref" --actor chief --format json | code_of)"
done < "$work/supervisees.txt" > "$work/supervisee-codes.txt"

say "starting caseload serve on 127.0.0.1:$port"
"$bin/caseload" serve --db "$db" --host 127.0.0.1 --port "$port" > "$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
    curl -fs -m 30 "$base/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
done
curl -fs -m 30 "$base/healthz" >/dev/null

# Activation, sign-in and an API token, through the API as a person would (bcrypt at the
# server's cost); prints the token.
token_for() {
    local user="$1" code="$2" password="load benchmark secret phrase" jar="$work/jar-$1"
    curl -fs -m 30 -X POST "$base/api/v1/activate" -H 'Content-Type: application/json' \
        -d "{\"userName\":\"$user\",\"code\":\"$code\",\"password\":\"$password\"}" >/dev/null
    local csrf
    csrf=$(curl -fs -m 30 -c "$jar" -X POST "$base/api/v1/session" -H 'Content-Type: application/json' \
        -d "{\"userName\":\"$user\",\"password\":\"$password\"}" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])')
    curl -fs -m 30 -b "$jar" -X POST "$base/api/v1/tokens" -H 'Content-Type: application/json' \
        -H "X-CSRF-Token: $csrf" -H "Origin: $base" -d '{"name":"load benchmark","days":1}' \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
export -f token_for
export base work
say "activating, signing in and making API tokens (bcrypt at the server's cost)"
officer_token=$(token_for "$officer" "$(cat "$work/officer.code")")
# Two at a time: bcrypt runs off the event loop, on both cores.
xargs -P 2 -L 1 bash -c 'printf "%s %s\n" "$(token_for "$0" "$1")" "$0"' \
    < "$work/supervisee-codes.txt" > "$work/people.txt"
[ "$(wc -l < "$work/people.txt")" -eq "$found" ] || { echo "load-bench: token set-up failed" >&2; exit 1; }

results="$work/results.tsv"
: > "$results"
# One bounded wrk run; appends "name connections rps p50_ms p99_ms requests non2xx".
run() {
    local name="$1" connections="$2"; shift 2
    local out="$work/wrk-$name-$connections.txt"
    wrk -t 2 -c "$connections" -d "$duration" --timeout 5s --latency "$@" > "$out"
    python3 - "$name" "$connections" "$out" >> "$results" <<'PY'
import re, sys
name, conns, path = sys.argv[1:4]
text = open(path).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
print(f"{name}\t{conns}\t{rps:.1f}\t{ms('50%'):.2f}\t{ms('99%'):.2f}\t{requests}\t{int(bad.group(1)) if bad else 0}\t{errors.group(0) if errors else ''}")
PY
    say "$(tail -1 "$results")"
}

for c in 16 64; do
    run healthz "$c" "$base/healthz"
    run overdue "$c" -s "$wrkdir/bearer.lua" "$base/api/v1/overdue?officer=$officer" -- "$officer_token"
    run case "$c" -s "$wrkdir/cases.lua" "$base/api/v1/cases" -- "$officer_token" "$work/cases.txt"
    run lifelog "$c" -s "$wrkdir/lifelog.lua" "$base/api/v1/lifelog" -- "$work/people.txt"
done

say "stopping the server (pid $server_pid)"
kill -TERM "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
entries=$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'lifelog.submit';" 2>/dev/null || echo "?")

say "raw baseline: one durable transaction per entry (caseload-bench --profile write --side raw)"
raw_line=$("$bin/caseload-bench" --profile write --side raw --db "$db" --scale "$scale" --times 5)
# "write raw: 200 rows, median S s per run"
raw_rate=$(python3 -c 'import re,sys; m=re.search(r"(\d+) rows, median ([\d.e-]+) s", sys.argv[1]); print(f"{int(m.group(1))/float(m.group(2)):.1f}")' "$raw_line")

echo
echo "scale $scale, $(date -u '+%F %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, wrk -t 2 -d $duration"
echo "raw one-transaction-per-entry rate: $raw_rate entries/s ($raw_line)"
echo "life-log entries written by the runs (audit entries 'lifelog.submit'): $entries"
python3 - "$results" "$raw_rate" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
raw = float(sys.argv[2])
health = {r[1]: float(r[2]) for r in rows if r[0] == "healthz"}
print(f"{'workload':<9} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}  ratio")
for name, conns, rps, p50, p99, count, bad, errors in rows:
    rps = float(rps)
    if name == "healthz":
        ratio = ""
    elif name == "lifelog":
        ratio = f"{rps / raw:.2f} × raw"
    else:
        ratio = f"{rps / health[conns]:.3f} × healthz"
    print(f"{name:<9} {conns:>5} {rps:>9.1f} {float(p50):>8.2f} {float(p99):>8.2f} {bad:>8}  {ratio} {errors}")
PY
