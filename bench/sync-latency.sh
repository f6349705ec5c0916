#!/usr/bin/env bash
# The sync on a network with latency: valor-sync with its default --parallel against --parallel 1,
# side by side against the same fake API (valor-mock --latency-ms, applied to each request on its
# own), fresh databases, a first sync and then a no-change sync of each; for two shapes:
#   50 athletes x 2,000 sessions    (per-athlete partitions pay)
#   1,000 athletes x 100 sessions   (they do not: one request per athlete is more than one pass)
# In each, UNLISTED athletes (default 1) are left off /athletes with their sessions kept: a first sync
# must store every session all the same (issue 24), which the "live" column checks.
#
#   bench/sync-latency.sh                 # 100,000 sessions, page 1000, 300 ms a request
#   bench/sync-latency.sh 20000 100       # smaller: sessions, latency ms
#   bench/sync-latency.sh 100000 300 50   # one shape: athletes
set -euo pipefail
cd "$(dirname "$0")/.."

sessions=${1:-100000}
latency=${2:-300}
shapes=${3:-50 1000}
unlisted=${UNLISTED:-1}
page=1000
out=bench/out/latency
mkdir -p -m 700 bench/out "$out"

seconds() { date +%s.%N; }

# valor-sync once: prints "wall-seconds peak-RSS-MiB sessions-pass live-sessions"
sync_once() {
  local db=$1; shift
  local started; started=$(seconds)
  printf "%s\n" "$token" | /usr/bin/time -o "$out/time" -f "%M" ./jbang valor-sync --db "$db" --base-url "$url" --token - \
    --page-size "$page" --quiet "$@"
  local wall; wall=$(echo "$(seconds) - $started" | bc)
  local pass; pass=$(./jbang valor-sql --db "$db" --csv --quiet "select sessions_pass from sync_runs order by run_id desc limit 1" | tail -1)
  local live; live=$(./jbang valor-sql --db "$db" --csv --quiet "select count(*) from sessions where deleted_at is null" | tail -1)
  printf "%.1f %d %s %d\n" "$wall" "$(( $(tail -1 "$out/time") / 1024 ))" "$pass" "$live"
}

shape() {
  local athletes=$1
  rm -f "$out"/*.mv.db "$out"/*.trace.db "$out/mock.out"
  ./jbang valor-mock --sessions "$sessions" --athletes "$athletes" --seed 7 --latency-ms "$latency" --unlisted-athletes "$unlisted" >"$out/mock.out" 2>&1 &
  mock=$!
  trap 'kill $mock 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do grep -q '^token=' "$out/mock.out" 2>/dev/null && break; sleep 0.2; done
  url=$(sed -n 's/^url=//p' "$out/mock.out")
  token=$(sed -n 's/^token=//p' "$out/mock.out")

  echo "== $sessions sessions over $athletes athletes ($unlisted of them unlisted), page $page, ${latency} ms a request"
  read -r p1_first p1_first_rss p1_first_pass p1_first_live < <(sync_once "$out/p1.mv.db" --parallel 1)
  read -r d_first d_first_rss d_first_pass d_first_live < <(sync_once "$out/default.mv.db")
  read -r p1_again p1_again_rss p1_again_pass p1_again_live < <(sync_once "$out/p1.mv.db" --parallel 1)
  read -r d_again d_again_rss d_again_pass d_again_live < <(sync_once "$out/default.mv.db")
  printf "%-18s %14s %14s %8s\n" "" "--parallel 1" "default" "ratio"
  printf "%-18s %12.1f s %12.1f s %8.2f   (%s; %s; live %d / %d of %d)\n" "first sync" "$p1_first" "$d_first" "$(echo "$d_first / $p1_first" | bc -l)" "$p1_first_pass" "$d_first_pass" "$p1_first_live" "$d_first_live" "$sessions"
  printf "%-18s %12.1f s %12.1f s %8.2f   (%s; %s; live %d / %d of %d)\n" "no-change sync" "$p1_again" "$d_again" "$(echo "$d_again / $p1_again" | bc -l)" "$p1_again_pass" "$d_again_pass" "$p1_again_live" "$d_again_live" "$sessions"
  printf "%-18s %10d MiB %10d MiB\n" "peak RSS (first)" "$p1_first_rss" "$d_first_rss"
  kill $mock 2>/dev/null || true
  wait $mock 2>/dev/null || true
  trap - EXIT
}

for athletes in $shapes; do shape "$athletes"; done
