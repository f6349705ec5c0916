///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
// The JVM's default compilers and collector: C1 alone or the serial collector cut a no-change run's CPU by 5-10%
// but made a first sync of 200,000 sessions 15-50% slower (G1 33-34 s, serial 38-40 s, C1 only 42-51 s, run alternately).
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
