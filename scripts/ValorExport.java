///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
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
