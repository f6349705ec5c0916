#!/usr/bin/env bash
# Makes a store of N generated sessions for the benchmarks, once: the fake API (valor-mock) serves
# an organisation of that size and valor-sync pulls it into bench/out/store-N.mv.db, exactly as a
# user would sync theirs. Reuses the file when a completed sync is already in it.
#
#   bench/make-store.sh 100000      # about a minute
#   bench/make-store.sh 1000000     # a few minutes
set -euo pipefail
cd "$(dirname "$0")/.."

sessions=${1:?usage: bench/make-store.sh SESSIONS}
athletes=$(( sessions >= 1000000 ? 300 : sessions >= 100000 ? 100 : 25 ))
out=bench/out
db="$out/store-$sessions.mv.db"
mkdir -p -m 700 "$out"   # the store is refused in a folder others can read

if [ -f "$db" ] && ./jbang valor-sql --db "$db" --csv --quiet "select count(*) from sync_runs where status = 'ok'" 2>/dev/null | grep -qx '[1-9][0-9]*'; then
  echo "store: $db (reused)" >&2
  exit 0
fi
rm -f "$db" "$out/store-$sessions.trace.db"

mock_out="$out/mock-$sessions.out"
./jbang valor-mock --sessions "$sessions" --athletes "$athletes" --seed 7 >"$mock_out" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q '^token=' "$mock_out" 2>/dev/null && break
  kill -0 $mock 2>/dev/null || { cat "$mock_out" >&2; exit 1; }
  sleep 0.2
done
url=$(sed -n 's/^url=//p' "$mock_out")
token=$(sed -n 's/^token=//p' "$mock_out")

started=$(date +%s)
printf "%s\n" "$token" | ./jbang valor-sync --db "$db" --base-url "$url" --token - --page-size 10000 --quiet
echo "store: $db ($sessions sessions, $athletes athletes, synced in $(( $(date +%s) - started )) s)" >&2
