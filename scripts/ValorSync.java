///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
// The serial GC: G1's concurrent threads compete for the second core with the API or its proxy, and a
// first sync peaks at 950 MB instead of 1,250 (200,000 sessions). C2 stays: with C1 only a no-change run
// saved 5-10% but a first sync took 42-51 s instead of 32-33 s (bench/sync_benchmark.py's shape, run alternately).
//RUNTIME_OPTIONS -XX:+UseSerialGC
//DESCRIPTION valor-sync: sync your organisation's Valor Biomechanics data into a local H2 database file.
//DESCRIPTION Incremental (unchanged records are not rewritten) and resumable (each page that changes the store is committed with its checkpoint).
//DESCRIPTION Usage: valor-sync [--demo] [--db PATH] [--token JWT] [--athlete ID ...] [--with reports,ik] [--json] [--quiet|--verbose]
//DESCRIPTION Example: valor-sync --demo --with reports
//SOURCES ../lib/SyncCommand.java

/** Thin launcher: everything lives in lib/SyncCommand.java so tests can run it in-process. */
public class ValorSync {
    public static void main(String[] args) {
        valor.SyncCommand.main(args);
    }
}
