package valor.export;

import java.util.Locale;
import valor.base.Failure;

/** What valor-export writes: a folder of Parquet or CSV files (one per table) or one DuckDB database file. */
public enum ExportFormat {
    PARQUET("parquet", "(FORMAT PARQUET, COMPRESSION ZSTD)"),
    CSV("csv", "(FORMAT CSV, HEADER)"),
    DUCKDB("duckdb", null);

    private final String name;
    private final String copyOptions;

    ExportFormat(String name, String copyOptions) {
        this.name = name;
        this.copyOptions = copyOptions;
    }

    public static ExportFormat parse(String value) {
        if (value == null) throw Failure.usage("--format is required: parquet, duckdb or csv");
        for (ExportFormat format : values()) if (format.name.equals(value.trim().toLowerCase(Locale.ROOT))) return format;
        throw Failure.usage("--format: unknown format '" + value + "'; choose parquet, duckdb or csv");
    }

    /** Whether --out names a folder of files, one per table, rather than one database file. */
    boolean oneFilePerTable() {
        return this != DUCKDB;
    }

    /** The file a table goes to in the output folder: {@code <table>.parquet} or {@code <table>.csv}. */
    String fileName(String table) {
        return table + "." + name;
    }

    /** The options of DuckDB's COPY ... TO for this format. */
    String copyOptions() {
        return copyOptions;
    }

    @Override
    public String toString() {
        return name;
    }
}
