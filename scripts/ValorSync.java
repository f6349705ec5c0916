///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
// A sync is seconds to a minute on a machine whose other core serves or forwards the API: C2's compiling and G1's
// concurrent threads took half its CPU (a no-change run: 12 s of CPU, 6 s with these; bench/sync_benchmark.py).
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
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
