///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
//DESCRIPTION valor-chart: chart a query on your synced Valor data as a PNG, an interactive HTML page or in the terminal.
//DESCRIPTION The first column is x, numeric columns are series (--series COLUMN: one series per value); saved queries by name as in valor-sql.
//DESCRIPTION Read-only, and safe to run while valor-sync is writing.
//DESCRIPTION Usage: valor-chart [--demo] [--db PATH] [-p NAME=VALUE ...] [-o FILE.png|FILE.html] [--type line|bar|scatter] [--series COL] [SQL | SAVED-QUERY | -f FILE | -]
//DESCRIPTION Example: valor-chart --demo sessions-per-week --series athlete_name -o weekly.html
//SOURCES ../lib/ChartCommand.java

/** Thin launcher: everything lives in lib/ChartCommand.java so tests can run it in-process. */
public class ValorChart {
    public static void main(String[] args) {
        valor.ChartCommand.main(args);
    }
}
