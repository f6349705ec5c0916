#!/usr/bin/env bash
# How fast a valor-sql one-liner is, measured side by side in one run on the store users have: the
# demo organisation synced with --with reports,ik (3,000 sessions, ~30,000 report rows, IK series).
# Targets: the launcher within 1.5 x the floor, ./jbang within the floor + 1.5 s.
#   jbang      ./jbang valor-sql "select count(*) from sessions"     what a user types first
#   launcher   valor-sql from `./jbang valor-sql --install DIR`      the fast path the README and docs/analyst-commands.md document
#   h2-shell   java -cp h2.jar org.h2.tools.Shell -sql "..."          the floor: a bare JVM, H2, the same file
# then three saved queries on a 1,000,000-session store, through the launcher.
#
#   bench/sql-startup.sh                  # makes the stores under bench/out/ first (minutes, once)
#   RUNS=20 bench/sql-startup.sh          # more samples
#   SKIP_BIG=1 bench/sql-startup.sh       # only the startup part
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-10}
out=bench/out
sql="select count(*) from sessions"
mkdir -p -m 700 "$out"   # the store is refused in a folder others can read

small="$PWD/$out/demo-reports-ik.mv.db"
if ! [ -f "$small" ]; then
  echo "making $small: the demo synced with --with reports,ik (a few minutes, once)" >&2
  ./jbang valor-sync --demo --with reports,ik --quiet --db "$small"
fi
[ -n "${SKIP_BIG:-}" ] || bench/make-store.sh 1000000
./jbang valor-sql --install "$out/bin" >/dev/null 2>"$out/install.err" || { cat "$out/install.err" >&2; exit 1; }

h2jar=$(./jbang info classpath scripts/ValorSql.java | tr ':' '\n' | grep '/h2-[0-9.]*\.jar$')
# The floor opens the file as plain H2 does, as SA with the store key (the store's admin password).
key=${VALOR_STORE_KEY:-${VALOR_CONFIG_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/valor}/store.key}
url="jdbc:h2:file:${small%.mv.db};MODE=MySQL"

# Wall time of one command in milliseconds; its output is discarded, a failure stops the benchmark.
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$out/last.err" || { echo "failed: $*" >&2; cat "$out/last.err" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

# median min max of the numbers given
stats() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2); print m, v[1], v[NR] }'
}

echo "valor-sql \"$sql\" on $runs runs each, interleaved; the demo store with reports and IK ($(du -h "$small" | cut -f1)); $(nproc) cores; $(java -version 2>&1 | sed -n 1p)"
time_ms ./jbang valor-sql --db "$small" "$sql" >/dev/null   # warm JBang's cache and the OS page cache once
jbang=() launcher=() floor=()
for _ in $(seq "$runs"); do    # interleaved, so whatever else loads the machine falls on all three alike
  jbang+=("$(time_ms ./jbang valor-sql --db "$small" "$sql")")
  launcher+=("$(time_ms "$out/bin/valor-sql" --db "$small" "$sql")")
  floor+=("$(time_ms java -cp "$h2jar" org.h2.tools.Shell -url "$url" -user sa -password "$(cat "$key")" -sql "$sql")")
done
read -r jm jn jx <<<"$(stats "${jbang[@]}")"
read -r lm ln lx <<<"$(stats "${launcher[@]}")"
read -r fm fn fx <<<"$(stats "${floor[@]}")"
printf '%-10s %8s %8s %8s %9s\n' path median min max "x floor"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-10s %6d ms %5d ms %5d ms %8sx\n' jbang "$jm" "$jn" "$jx" "$(ratio "$jm" "$fm")"
printf '%-10s %6d ms %5d ms %5d ms %8sx\n' launcher "$lm" "$ln" "$lx" "$(ratio "$lm" "$fm")"
printf '%-10s %6d ms %5d ms %5d ms %8sx\n' h2-shell "$fm" "$fn" "$fx" "1.00"
met=$(awk -v a="$lm" -v b="$fm" 'BEGIN { print (a <= 1.5 * b) ? "met" : "MISSED" }')
echo "fast path: $(ratio "$lm" "$fm") x the floor (target <= 1.5): $met"
echo "./jbang: $(( jm - fm )) ms over the floor (target <= 1500): $( [ $(( jm - fm )) -le 1500 ] && echo met || echo MISSED)"

[ -n "${SKIP_BIG:-}" ] && exit 0
big="$PWD/$out/store-1000000.mv.db"
echo
echo "saved queries on 1,000,000 sessions, through the launcher, 3 runs each (wall time; query time from the footer)"
printf '%-40s %10s %10s %8s\n' query wall query rows
for query in "sessions-per-week" "exercise-mix" "session-extremes"; do
  for _ in 1 2 3; do
    start=$(date +%s%N)
    footer=$("$out/bin/valor-sql" --db "$big" --table $query 2>&1 >/dev/null | tail -1)
    wall=$(( ($(date +%s%N) - start) / 1000000 ))
    printf '%-40s %7d ms %10s %8s\n' "$query" "$wall" "$(echo "$footer" | sed -n 's/.*, \([0-9]*\) ms)/\1 ms/p')" \
      "$(echo "$footer" | sed -n 's/^(\([0-9]*\) rows\{0,1\},.*/\1/p')"
  done
done
