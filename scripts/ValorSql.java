///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
//DESCRIPTION valor-sql: query your synced Valor data with SQL, from the command line.
//DESCRIPTION Ad hoc SQL, SQL files, standard input or saved queries by name; table, csv, tsv, json, jsonl or markdown output.
//DESCRIPTION Read-only unless --write, and safe to run while valor-sync is writing.
//DESCRIPTION Usage: valor-sql [--demo] [--db PATH] [--format FMT] [-p NAME=VALUE ...] [SQL | SAVED-QUERY | -f FILE | -]
//DESCRIPTION Example: valor-sql --demo "select athlete_id, count(*) from sessions group by 1"
//SOURCES ../lib/SqlCommand.java

/** Thin launcher: everything lives in lib/SqlCommand.java so tests can run it in-process. */
public class ValorSql {
    public static void main(String[] args) {
        valor.SqlCommand.main(args);
    }
}
