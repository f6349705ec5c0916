#!/usr/bin/env bash
# Rewrites a benchmark store compactly (H2's SHUTDOWN COMPACT) and prints its size before and
# after. valor-sync leaves its file far larger than the data in it (H2's MVStore appends every
# commit and keeps superseded pages); running bench/sql-startup.sh before and after this shows
# what that costs the analyst's queries.
#
#   bench/compact-store.sh 1000000
set -euo pipefail
cd "$(dirname "$0")/.."

sessions=${1:?usage: bench/compact-store.sh SESSIONS}
db="$PWD/bench/out/store-$sessions.mv.db"
[ -f "$db" ] || { echo "no $db; make it with bench/make-store.sh $sessions" >&2; exit 2; }
h2jar=$(./jbang info classpath scripts/ValorSql.java | tr ':' '\n' | grep '/h2-[0-9.]*\.jar$')
before=$(stat -c %s "$db")
started=$(date +%s)
java -cp "$h2jar" org.h2.tools.Shell -url "jdbc:h2:file:${db%.mv.db};MODE=MySQL" -user sa -sql "SHUTDOWN COMPACT" >/dev/null 2>&1 || true
after=$(stat -c %s "$db")
echo "store: $db compacted from $(( before / 1048576 )) MB to $(( after / 1048576 )) MB in $(( $(date +%s) - started )) s" >&2
