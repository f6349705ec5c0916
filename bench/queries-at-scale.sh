#!/usr/bin/env bash
# Analyst queries at scale (issue 13): on a 1,000,000-session store, through an installed
# launcher, every saved query that ships (default parameters), an ad hoc count/sum over the
# sessions since a date that selects about 45% (in all and per athlete) and a CSV export of all
# sessions, each beside sqlite3 on a table of the same session rows (raw JSON included) in the
# same run, interleaved, so whatever else loads the machine falls on both alike.
#
# sqlite3 gets the same table, loaded once from valor-sql's CSV export, and the same indexes the
# store's sessions table has now (read from H2, so it follows the migrations). The "issue's
# indexes" column forces sqlite3 onto the plain date index (INDEXED BY sessions_by_date), as the
# store had when the issue was filed.
#
#   bench/queries-at-scale.sh             # makes the store and the sqlite3 copy first (minutes, once)
#   RUNS=5 bench/queries-at-scale.sh      # more samples (median shown)
#   CSV_RUNS=3 ...                        # the export is timed once unless asked (valor-sql's takes minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-3}
sessions=1000000
out=bench/out
mkdir -p -m 700 "$out"   # the store is refused in a folder others can read
bench/make-store.sh "$sessions"
db="$PWD/$out/store-$sessions.mv.db"
lite="$PWD/$out/sessions-$sessions.sqlite"
csv="$out/sessions-$sessions.csv"
./jbang valor-sql --install "$out/bin" >/dev/null 2>"$out/install.err" || { cat "$out/install.err" >&2; exit 1; }
sql="$out/bin/valor-sql"

# Wall time of one command in milliseconds; its output goes to $2 (a file or /dev/null).
time_ms() {
  local sink=$1 start end
  shift
  start=$(date +%s%N)
  "$@" >"$sink" 2>"$out/last.err" || { echo "failed: $*" >&2; cat "$out/last.err" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

# The sqlite3 copy: valor-sql's CSV of every session (header, empty = NULL), typed on the way in.
if ! [ -f "$lite" ]; then
  echo "making $lite from a CSV export of the store (once)" >&2
  "$sql" --db "$db" --csv 'select * from sessions' >"$csv"
  rm -f "$lite.tmp"
  sqlite3 "$lite.tmp" <<EOF
.mode csv
.import $csv raw_sessions
CREATE TABLE sessions (session_id TEXT PRIMARY KEY, recorded_at TEXT, s3_key TEXT, duration_s REAL, athlete_id TEXT,
  assessment_id TEXT, single_exercise TEXT, exercise_id TEXT, session_name TEXT, source TEXT NOT NULL, raw TEXT,
  content_hash INTEGER, raw_hash INTEGER, first_seen_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);
INSERT INTO sessions SELECT session_id, NULLIF(recorded_at, ''), NULLIF(s3_key, ''), CAST(NULLIF(duration_s, '') AS REAL),
  NULLIF(athlete_id, ''), NULLIF(assessment_id, ''), NULLIF(single_exercise, ''), NULLIF(exercise_id, ''),
  NULLIF(session_name, ''), source, raw, CAST(NULLIF(content_hash, '') AS INTEGER), CAST(NULLIF(raw_hash, '') AS INTEGER),
  first_seen_at, updated_at,
  NULLIF(deleted_at, '') FROM raw_sessions;
DROP TABLE raw_sessions;
VACUUM;
EOF
  mv "$lite.tmp" "$lite"
  rm -f "$csv"
fi
# The store's session indexes, mirrored (IF NOT EXISTS: a later run adds the ones a migration added).
"$sql" --db "$db" --csv --quiet "select lower(index_name), listagg(lower(column_name), ', ') within group (order by ordinal_position)
    from information_schema.index_columns where table_name = 'SESSIONS' and index_name not like 'PRIMARY_KEY%' group by index_name" | tail -n +2 |
  while IFS=, read -r name columns; do
    sqlite3 "$lite" "CREATE INDEX IF NOT EXISTS $name ON sessions (${columns//\"/})"
  done
sqlite3 "$lite" "CREATE INDEX IF NOT EXISTS sessions_by_date ON sessions (recorded_at); ANALYZE;"

# A day that selects about 45% of the sessions.
since=$("$sql" --db "$db" --csv --quiet "select cast(recorded_at as date) from sessions order by recorded_at desc offset 450000 rows fetch next 1 row only" | tail -n +2)
share=$(sqlite3 "$lite" "select round(100.0 * (select count(*) from sessions where recorded_at >= '$since') / count(*), 1) from sessions")
count_sql="select count(*), sum(duration_s) from sessions where recorded_at >= '$since'"
per_athlete_sql="select athlete_id, count(*), sum(duration_s) from sessions where recorded_at >= '$since' group by athlete_id"

echo "1,000,000 sessions ($(du -h "$db" | cut -f1) store, $(du -h "$lite" | cut -f1) sqlite3); $runs runs each, median; $(nproc) cores;" \
     "$(java -version 2>&1 | sed -n 1p); sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "since $since selects $share% of the sessions"
"$sql" --db "$db" "$count_sql" >/dev/null   # warm the OS page cache once for both
sqlite3 "$lite" "$count_sql" >/dev/null

printf '| %-38s | %8s | %9s | %9s | %7s | %16s |\n' what rows valor-sql sqlite3 ratio "sqlite3, issue's"
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..40})" ---------- ----------- ----------- --------- ------------------
row() { # name, rows, valor ms, sqlite ms, sqlite (issue's indexes) ms
  printf '| %-38s | %8s | %6s ms | %9s | %7s | %16s |\n' "$1" "$2" "$3" "${4:+$4 ms}" "${4:+$(ratio "$3" "$4")}" "${5:+$5 ms}"
}

# Every saved query but ik-samples, which needs a session id (this store has no IK series).
for query in $("$sql" --list --csv 2>/dev/null | tail -n +2 | cut -d, -f1 | grep -vx ik-samples); do
  t=()
  for _ in $(seq "$runs"); do t+=("$(time_ms /dev/null "$sql" --db "$db" "$query")"); done
  rows=$("$sql" --db "$db" --csv --quiet "$query" | tail -n +2 | wc -l)
  row "$query" "$rows" "$(median "${t[@]}")"
done
# The same for one athlete, by name (the way a coach asks), for each query that takes an athlete.
athlete=$("$sql" --db "$db" --csv --quiet "select athlete_name from athlete_summary order by athlete_id fetch first 1 row only" | tail -n +2)
with_athlete=$("$sql" --list --csv 2>/dev/null | python3 -c 'import csv, sys
print(*(r["name"] for r in csv.DictReader(sys.stdin) if "athlete" in [p.split("=")[0].strip() for p in r["parameters"].split(",")]))')
for query in $with_athlete; do
  t=()
  for _ in $(seq "$runs"); do t+=("$(time_ms /dev/null "$sql" --db "$db" "$query" -p athlete="$athlete")"); done
  rows=$("$sql" --db "$db" --csv --quiet "$query" -p athlete="$athlete" | tail -n +2 | wc -l)
  row "$query -p athlete=(one)" "$rows" "$(median "${t[@]}")"
done

adhoc() { # label, H2 SQL, sqlite SQL (plan chosen), sqlite SQL (issue's index)
  local v=() s=() i=()
  for _ in $(seq "$runs"); do
    v+=("$(time_ms /dev/null "$sql" --db "$db" --csv "$2")")
    s+=("$(time_ms /dev/null sqlite3 -csv "$lite" "$3")")
    i+=("$(time_ms /dev/null sqlite3 -csv "$lite" "$4")")
  done
  row "$1" "$(sqlite3 "$lite" "$3" | wc -l)" "$(median "${v[@]}")" "$(median "${s[@]}")" "$(median "${i[@]}")"
}
adhoc "count, sum since $since" "$count_sql" "$count_sql" "${count_sql/from sessions/from sessions indexed by sessions_by_date}"
adhoc "count, sum since $since per athlete" "$per_athlete_sql" "$per_athlete_sql" \
  "${per_athlete_sql/from sessions/from sessions indexed by sessions_by_date}"

v=() s=()
for _ in $(seq "${CSV_RUNS:-1}"); do
  v+=("$(time_ms "$out/export-valor.csv" "$sql" --db "$db" --csv 'select * from sessions')")
  s+=("$(time_ms "$out/export-sqlite.csv" sqlite3 -header -csv "$lite" 'select * from sessions')")
done
row "CSV export of all sessions" "$(( $(wc -l <"$out/export-sqlite.csv") - 1 ))*" "$(median "${v[@]}")" "$(median "${s[@]}")"
echo "* lines of sqlite3's file ($(du -h "$out/export-sqlite.csv" | cut -f1)); valor-sql's: $(du -h "$out/export-valor.csv" | cut -f1)"
rm -f "$out/export-valor.csv" "$out/export-sqlite.csv"
