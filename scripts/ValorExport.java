///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
//DESCRIPTION valor-export: export your synced Valor data as Parquet, CSV or a DuckDB database, for notebooks.
//DESCRIPTION One file per table (and the decoded IK samples), typed columns, UTC timestamps; every run rewrites the output.
//DESCRIPTION Usage: valor-export [--demo] [--db PATH] --format parquet|duckdb|csv --out PATH [--athlete NAME|ID] [--since DAY] [--until DAY] [--joint NAME] [TABLE_OR_VIEW ...]
//DESCRIPTION Example: valor-export --demo --format parquet --out valor-parquet
//SOURCES ../lib/ExportCommand.java

/** Thin launcher: everything lives in lib/ExportCommand.java so tests can run it in-process. */
public class ValorExport {
    public static void main(String[] args) {
        valor.ExportCommand.main(args);
    }
}
