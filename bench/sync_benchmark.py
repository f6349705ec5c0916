#!/usr/bin/env python3
"""valor-sync against the vendor docs' own Python loop, side by side in one run.

Starts the fake API as its own process (valor-mock), then syncs N sessions with
  1. the docs' Python loop, adapted to upsert into SQLite (bench/docs_python_loop.py),
  2. valor-sync through ./jbang, into a fresh H2 file,
  3. valor-sync again with nothing changed (must rewrite zero rows),
  4. no-change syncs with the default plan and with --parallel 1, alternately, twice each
     (issue 24: the default never more than 5% slower than --parallel 1),
  and with --launcher steps 2 and 3 again through a launcher from valor-sql --install,
and prints sessions/second, end-to-end wall time and peak memory (max RSS) for each, against
the loop and against paging alone (the same loop storing nothing: the network's floor).

usage: bench/sync_benchmark.py [N ...] [--athletes A] [--page-size 1000] [--launcher]
  e.g. bench/sync_benchmark.py 200000 --athletes 400       (issue 24's shape)
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command, env=None):
    """Runs a command under GNU time; returns (wall seconds, max RSS MiB, stdout)."""
    with tempfile.NamedTemporaryFile(mode="r") as report:
        started = time.monotonic()
        result = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%M"] + command,
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - started
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
        rss_kib = int(report.read().strip().splitlines()[-1])
    return wall, rss_kib / 1024, result.stdout


def start_mock(sessions, athletes):
    athletes = athletes or max(10, sessions // 200)
    mock = subprocess.Popen([os.path.join(ROOT, "jbang"), "valor-mock", "--sessions", str(sessions),
                             "--athletes", str(athletes), "--seed", "7"],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    values = dict(mock.stdout.readline().strip().split("=", 1) for _ in range(2))
    return mock, values["url"], values["token"]


def warm_up(url, token, page_size):
    """A few pages so the server's JIT is warm before either client is timed."""
    subprocess.run([sys.executable, "-c", f"""
import json, requests
t = json.dumps("")
for _ in range(20):
    d = requests.get("{url}/sessions", headers={{"X-Continuation-Token": t, "Authorization": "Bearer {token}"}},
                     params={{"limit": "{page_size}"}}).json()
    if d["X-Continuation-Token"] == "null": break
    t = json.dumps(d["X-Continuation-Token"])
"""], check=True)


def row(name, sessions, wall, rss, extra=""):
    print(f"  {name:<34} {wall:8.2f} s {sessions / wall:12,.0f} sessions/s {rss:8.0f} MiB  {extra}")


def bench(sessions, athletes, page_size, launchers):
    mock, url, token = start_mock(sessions, athletes)
    try:
        warm_up(url, token, page_size)
        with tempfile.TemporaryDirectory() as work:
            print(f"\n{sessions:,} sessions, page size {page_size} (fake API: {url})")
            py_wall, py_rss, out = timed([sys.executable, "bench/docs_python_loop.py", url, token,
                                          str(page_size), os.path.join(work, "docs.sqlite")])
            assert int(out.strip()) == sessions, out
            row("docs' Python loop + SQLite upsert", sessions, py_wall, py_rss)
            paging, paging_rss, out = timed([sys.executable, "bench/docs_python_loop.py", url, token, str(page_size), "-"])
            assert int(out.strip()) == sessions, out
            row("paging alone (the loop, no store)", sessions, paging, paging_rss, f"{paging / py_wall:.2f} x Python")

            for via, valor_sync in launchers:
                db = os.path.join(work, via.replace(" ", "-") + ".mv.db")
                sync = valor_sync + ["--db", db, "--base-url", url, "--token", token,
                                     "--page-size", str(page_size), "--quiet", "--json"]
                wall, rss, out = timed(sync)
                report = json.loads(out)
                assert report["entities"]["sessions"]["added"] == sessions, report
                row(f"valor-sync {via} (first sync)", sessions, wall, rss, f"{wall / py_wall:.2f} x Python")

                wall2, rss2, out = timed(sync)
                counts = json.loads(out)["entities"]["sessions"]
                rewritten = counts["added"] + counts["updated"] + counts["deleted"]
                row(f"valor-sync {via} (no changes)", sessions, wall2, rss2,
                    f"{wall2 / py_wall:.2f} x Python, {wall2 / paging:.1f} x paging alone, {rewritten} rows rewritten,"
                    f" {counts['unchanged']:,} unchanged")
                if via == "./jbang":
                    plans = {"default": [], "--parallel 1": []}
                    for _ in range(2):
                        for plan, extra in (("default", []), ("--parallel 1", ["--parallel", "1"])):
                            wall3, _, out = timed(sync + extra)
                            plans[plan].append((wall3, json.loads(out)["sessions_pass"]))
                    best = {plan: min(w for w, _ in runs) for plan, runs in plans.items()}
                    for plan, runs in plans.items():
                        print(f"  no changes, {plan:<13} " + " / ".join(f"{w:.2f} s ({how})" for w, how in runs))
                    print(f"  default / --parallel 1 (best of two): {best['default'] / best['--parallel 1']:.2f}")
                print(f"  H2 file {os.path.getsize(db) / 2**20:.0f} MiB")
            print(f"  SQLite file {os.path.getsize(os.path.join(work, 'docs.sqlite')) / 2**20:.0f} MiB")
    finally:
        mock.terminate()
        mock.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sessions", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--athletes", type=int, default=0, help="athletes in the organisation (default: sessions / 200)")
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--launcher", action="store_true",
                        help="also time valor-sync through a launcher from valor-sql --install (no JBang launcher JVM)")
    args = parser.parse_args()
    subprocess.run([os.path.join(ROOT, "jbang"), "build", "scripts/ValorSync.java"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # compile outside the timing
    launchers = [("./jbang", [os.path.join(ROOT, "jbang"), "valor-sync"])]
    with tempfile.TemporaryDirectory() as bin_dir:
        if args.launcher:
            subprocess.run([os.path.join(ROOT, "jbang"), "valor-sql", "--install", bin_dir], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            launchers.append(("launcher", [os.path.join(bin_dir, "valor-sync")]))
        for sessions in args.sessions:
            bench(sessions, args.athletes, args.page_size, launchers)

if __name__ == "__main__":
    main()
