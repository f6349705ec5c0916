#!/usr/bin/env bash
# The sync on a network with latency (issue 24): valor-sync with its default --parallel against
# --parallel 1, side by side against the same fake API (valor-mock --latency-ms, applied to each
# request on its own), fresh databases, a first sync and then a no-change sync of each; for three
# shapes, each with UNLISTED_SESSIONS (default 40) more sessions by athletes /athletes does not list,
# spread through the scan (valor-mock --unlisted-sessions), which only a pass over the whole
# organisation finds: the "live" column checks that every run stored every session.
#   50                50 athletes x 2,000 sessions: per-athlete partitions pay on later runs
#                     (targets: first sync at most 1.05x --parallel 1, the no-change run at most 0.4x)
#   1000              1,000 athletes x 100 sessions: they do not, one request per athlete is more
#                     than one pass (target: at most 1.05x)
#   50:scan           50 x 2,000 where athleteID filters a page of everyone's sessions after reading
#                     it (valor-mock --athlete-filter scan): an athlete's pass is as long as the whole
#                     organisation's, so partitions never pay (target: at most 1.05x)
#
#   bench/sync-latency.sh                    # 100,000 sessions, 300 ms a request, every shape
#   bench/sync-latency.sh 20000 100          # smaller: sessions, latency ms
#   bench/sync-latency.sh 100000 300 50:scan # one shape
set -euo pipefail
cd "$(dirname "$0")/.."

sessions=${1:-100000}
latency=${2:-300}
shapes=${3:-50 1000 50:scan}
unlisted=${UNLISTED_SESSIONS:-40}
page=1000
mkdir -p -m 700 bench/out bench/out/latency
out=$(mktemp -d bench/out/latency/run.XXXXXX)

seconds() { date +%s.%N; }

# valor-sync once: prints "wall-seconds run-seconds peak-RSS-MiB sessions-pass live-sessions"; the run's own
# seconds are sync_runs' (from the store opened to the run recorded), without JBang's and the JVM's start-up
sync_once() {
  local db=$1; shift
  local started; started=$(seconds)
  printf "%s\n" "$token" | /usr/bin/time -o "$out/time" -f "%M" ./jbang valor-sync --db "$db" --base-url "$url" --token - \
    --page-size "$page" --quiet "$@"
  local wall; wall=$(echo "$(seconds) - $started" | bc)
  local run; run=$(./jbang valor-sql --db "$db" --csv --quiet "select sessions_pass, datediff('millisecond', started_at, finished_at) / 1000.0,
    (select count(*) from sessions where deleted_at is null) from sync_runs order by run_id desc limit 1" | tail -1)
  IFS=, read -r pass seconds live <<<"$run"
  printf "%.1f %.1f %d %s %d\n" "$wall" "$seconds" "$(( $(tail -1 "$out/time") / 1024 ))" "$pass" "$live"
}

row() { # label, --parallel 1's wall and run seconds, the default's, target ratio, passes and live counts
  local ratio; ratio=$(echo "$4 / $2" | bc -l)
  local verdict; verdict=$(echo "$ratio <= $6" | bc -l)
  printf "%-16s %7.1f s (%5.1f) %7.1f s (%5.1f) %6.2f (%4.2f) %7s  %-4s %s\n" "$1" "$2" "$3" "$4" "$5" "$ratio" "$(echo "$5 / $3" | bc -l)" \
    "<= $6" "$([ "$verdict" = 1 ] && echo ok || echo MISS)" "$7"
}

shape() {
  local athletes=${1%%:*} filter=index
  [[ $1 == *:scan ]] && filter=scan
  local total=$((sessions + unlisted))
  rm -f "$out"/*.mv.db "$out"/*.trace.db "$out/mock.out"
  ./jbang valor-mock --sessions "$sessions" --athletes "$athletes" --seed 7 --latency-ms "$latency" \
    --unlisted-sessions "$unlisted" --athlete-filter "$filter" >"$out/mock.out" 2>&1 &
  mock=$!
  trap 'kill $mock 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do grep -q '^token=' "$out/mock.out" 2>/dev/null && break; sleep 0.2; done
  url=$(sed -n 's/^url=//p' "$out/mock.out")
  token=$(sed -n 's/^token=//p' "$out/mock.out")

  echo "== $sessions sessions over $athletes athletes and $unlisted of athletes /athletes does not list; athleteID: $filter;" \
    "page $page, ${latency} ms a request"
  read -r p1_first p1_first_run p1_first_rss p1_first_pass p1_first_live < <(sync_once "$out/p1.mv.db" --parallel 1)
  read -r d_first d_first_run d_first_rss d_first_pass d_first_live < <(sync_once "$out/default.mv.db")
  read -r p1_again p1_again_run p1_again_rss p1_again_pass p1_again_live < <(sync_once "$out/p1.mv.db" --parallel 1)
  read -r d_again d_again_run d_again_rss d_again_pass d_again_live < <(sync_once "$out/default.mv.db")
  local again_target=1.05
  [[ $athletes == 50 && $filter == index ]] && again_target=0.40
  printf "%-16s %17s %17s %13s %7s   (wall, and in brackets the run's own seconds from sync_runs)\n" "" "--parallel 1" "default" "ratio" "target"
  row "first sync" "$p1_first" "$p1_first_run" "$d_first" "$d_first_run" 1.05 \
    "($p1_first_pass; $d_first_pass; live $p1_first_live / $d_first_live of $total)"
  row "no-change sync" "$p1_again" "$p1_again_run" "$d_again" "$d_again_run" "$again_target" \
    "($p1_again_pass; $d_again_pass; live $p1_again_live / $d_again_live of $total)"
  printf "%-16s %13d MiB %13d MiB\n" "peak RSS (first)" "$p1_first_rss" "$d_first_rss"
  for live in "$p1_first_live" "$d_first_live" "$p1_again_live" "$d_again_live"; do
    [ "$live" = "$total" ] || echo "NOT EXACT: a run stored $live live sessions of $total"
  done
  kill $mock 2>/dev/null || true
  wait $mock 2>/dev/null || true
  trap - EXIT
}

# Built before anything is timed: a first run of each command compiles it.
for command in valor-mock valor-sync valor-sql; do ./jbang "$command" --help >/dev/null; done
for s in $shapes; do shape "$s"; done
rm -rf "$out"
