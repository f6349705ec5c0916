#!/usr/bin/env bash
# How long valor-export takes to hand over joint angles, on the demo synced with reports and IK for
# every session (3,000 sessions of 10-second series, about 29 million samples; RECENT=10 syncs only
# each athlete's 10 most recent, as plain --demo does):
#   one athlete   valor-export --format parquet --athlete ID ik_samples   wall time and peak RSS (target: under 10 s)
#   full          valor-export --format parquet ik_samples                wall time and peak RSS
# The athlete is the one with the most IK samples. Each export runs in its own JVM as ./jbang runs it
# (java -Xmx1g with the built jar's classpath), so the peak RSS is the export's, not JBang's.
# On a checkout whose valor-export has no --athlete the one-athlete line says so.
#
#   bench/ik-export.sh                  # makes the store under bench/out/ first (a few minutes, once)
#   RECENT=10 bench/ik-export.sh        # the plain demo's IK: each athlete's 10 most recent sessions
set -euo pipefail
cd "$(dirname "$0")/.."

recent=${RECENT:-3000}
out=bench/out
mkdir -p -m 700 "$out"   # the store is refused in a folder others can read
db="$PWD/$out/demo-ik-recent-$recent.mv.db"
if ! [ -f "$db" ]; then
  echo "making $db: the demo synced with --with reports,ik --recent $recent (minutes, once)" >&2
  ./jbang valor-sync --demo --with reports,ik --recent "$recent" --quiet --db "$db"
fi

./jbang build scripts/ValorExport.java >"$out/build.err" 2>&1 || { cat "$out/build.err" >&2; exit 1; }
cp=$(./jbang info classpath scripts/ValorExport.java 2>"$out/build.err") || { cat "$out/build.err" >&2; exit 1; }
athlete=$(./jbang valor-sql --db "$db" --format csv --quiet \
  "select s.athlete_id from ik_series i join sessions s on s.session_id = i.session_id
   group by s.athlete_id order by sum(i.samples * i.joints) desc, s.athlete_id limit 1" | tail -n +2)

# Runs one export; prints its wall time, CPU time (user + system: steadier than wall time on a busy
# machine), peak RSS and size. A failure stops the benchmark.
export_run() {
  local target=$1; shift
  rm -rf "$target"
  /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" java -Xmx1g -cp "$cp" ValorExport --db "$db" --quiet --format parquet \
    --out "$target" "$@" >/dev/null 2>"$out/export.err" || { cat "$out/export.err" >&2; exit 1; }
  read -r seconds user system kb <"$out/time.txt"
  echo "$seconds s ($(echo "$user + $system" | bc) s CPU), peak RSS $(( kb / 1024 )) MB, $(du -sm "$target" | cut -f1) MB written"
}

echo "store: $(basename "$db"), $(./jbang valor-sql --db "$db" --format csv --quiet \
  "select count(*) || ' sessions with IK, ' || sum(samples * joints) || ' joint samples' from ik_series" | tail -n +2 | tr -d '"')"
if java -cp "$cp" ValorExport --help 2>/dev/null | grep -q -- '--athlete'; then
  echo "one athlete ($athlete): $(export_run "$out/ik-one" --athlete "$athlete" ik_samples)"
else
  echo "one athlete: not possible (this valor-export has no --athlete)"
fi
echo "full ik_samples: $(export_run "$out/ik-all" ik_samples)" || exit 1
