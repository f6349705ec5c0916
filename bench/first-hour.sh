#!/usr/bin/env bash
# The first hour, timed the way a new user meets it: a fresh clone of this checkout, an empty home
# (so an empty JBANG_DIR and Maven cache), and a PATH with a JDK and the system's tools but no jbang
# and no mvn. Prints the wall time of each step:
#   demo, cold      ./jbang valor-sync --demo: JBang fetched from Maven Central, the script built, the demo synced
#   demo, warm      the same again (target: under 20 s; cold under 90 s)
#   athlete page    ./jbang valor-report --demo --athlete "Yara Patel", cold (its build) and warm
#   one-liner       valor-sql --demo "select count(*) from sessions" through ./jbang, through
#                   `jbang valor-sql@org` (the catalog served from 127.0.0.1, JBang's first build, then warm)
#                   and through every launcher `--install` writes (each started on the demo store; target 0.6 s)
#
#   bench/first-hour.sh              # needs the network to Maven Central (the cold steps fetch JBang and the libraries)
#   RUNS=5 bench/first-hour.sh       # more samples of the warm one-liners (median)
set -euo pipefail
checkout=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
root=$(mktemp -d /tmp/valor-first-hour.XXXXXX)
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null; chmod -R u+w "$root"; rm -rf "$root"' EXIT

# PATH: java and the system's tools, without jbang or mvn (as on a machine with only a JDK).
mkdir -p "$root/bin" "$root/home"
for dir in /usr/local/bin /usr/bin /bin; do
  for tool in "$dir"/*; do
    name=$(basename "$tool")
    case "$name" in jbang|mvn|mvnw) continue ;; esac
    [ -e "$root/bin/$name" ] || ln -s "$tool" "$root/bin/$name"
  done
done
ln -sf "$(readlink -f "$(command -v java)")" "$root/bin/java"
export PATH="$root/bin" HOME="$root/home"
unset JBANG_DIR JAVA_HOME VALOR_DB VALOR_CONFIG_DIR XDG_CONFIG_HOME XDG_DATA_HOME
git clone -q "$checkout" "$root/valor-toolkit"
cd "$root/valor-toolkit"

# Seconds, to a tenth, of one command; its output goes to last.log, a failure stops the benchmark.
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >"$root/last.log" 2>&1 || { echo "failed: $*" >&2; cat "$root/last.log" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v ns=$(( end - start )) 'BEGIN { printf "%.2f", ns / 1e9 }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
row() { printf '%-58s %8s s\n' "$1" "$2"; }
sql="select count(*) from sessions"

echo "first hour from a fresh home, $(nproc) cores, $(java -version 2>&1 | sed -n 1p)"
row "./jbang valor-sync --demo (cold: JBang, build, sync)" "$(seconds ./jbang valor-sync --demo)"
row "./jbang valor-sync --demo (warm)" "$(seconds ./jbang valor-sync --demo)"
row "./jbang valor-report --demo --athlete \"Yara Patel\" (cold)" "$(seconds ./jbang valor-report --demo --athlete "Yara Patel")"
row "./jbang valor-report --demo --athlete \"Yara Patel\" (warm)" "$(seconds ./jbang valor-report --demo --athlete "Yara Patel")"
row "./jbang valor-sql --demo \"$sql\" (cold)" "$(seconds ./jbang valor-sql --demo "$sql")"
times=(); for _ in $(seq "$runs"); do times+=("$(seconds ./jbang valor-sql --demo "$sql")"); done
row "./jbang valor-sql --demo \"...\" (warm, median of $runs)" "$(median "${times[@]}")"

# The catalog form: the clone published on 127.0.0.1, and JBang on the PATH as a user installs it
# (here the same JBang ./jbang fetched, reached through a script named jbang).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$root/valor-toolkit" "$port" >/dev/null 2>&1 &
server=$!
ln -s "$root/valor-toolkit/jbang" "$root/bin/jbang"   # a link: ./jbang runs itself, not "the installed jbang", when it finds itself
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
# From a folder of their own, as users do: inside the clone, `catalog add` would write to the clone's
# jbang-catalog.json (JBang adds to the nearest catalog file) and `@org` would be unknown elsewhere.
mkdir -p "$root/elsewhere" && cd "$root/elsewhere"
jbang trust add "http://127.0.0.1:$port/" >/dev/null 2>&1
jbang catalog add --name org "http://127.0.0.1:$port/jbang-catalog.json" >"$root/last.log" 2>&1 \
  || { echo "failed: jbang catalog add" >&2; cat "$root/last.log" >&2; exit 1; }
row "jbang valor-sql@org --demo \"...\" (cold: its build)" "$(seconds jbang valor-sql@org --demo "$sql")"
times=(); for _ in $(seq "$runs"); do times+=("$(seconds jbang valor-sql@org --demo "$sql")"); done
row "jbang valor-sql@org --demo \"...\" (warm, median of $runs)" "$(median "${times[@]}")"
cd "$root/valor-toolkit"

row "./jbang valor-sql --install ~/.local/bin (every command)" "$(seconds ./jbang valor-sql --install "$HOME/.local/bin")"
launchers="$HOME/.local/bin"
for launcher in "$launchers"/valor-*; do
  name=$(basename "$launcher")
  case "$name" in
    valor-sql)    run=("$launcher" --demo "$sql") ;;
    valor-report) run=("$launcher" --demo --athlete "Yara Patel" --out "$root/page.html") ;;
    valor-chart)  run=("$launcher" --demo sessions-per-week -o "$root/chart.png") ;;
    *)            run=("$launcher" --help) ;;
  esac
  "${run[@]}" >/dev/null 2>&1 || true   # once, so the page cache holds what it reads
  times=(); for _ in $(seq "$runs"); do times+=("$(seconds "${run[@]}")"); done
  row "launcher ${run[*]#"$launchers/"}" "$(median "${times[@]}")"
done
