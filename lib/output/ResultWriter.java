package valor.output;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;
import valor.base.Failure;

/** Prints one result, row by row, in one of the output formats. The column order is the query's in every format. */
public interface ResultWriter {
    /**
     * The result's JDBC metadata, just before {@link #begin}, while the result is open: for a writer that
     * reads more of it than names and types (valor-chart reads where each column comes from). Most ignore it.
     */
    default void metadata(ResultSetMetaData meta) throws SQLException {}

    void begin(ResultColumns columns);

    void row(Object[] values);

    /**
     * Writes every row of an open result, through {@link #row} unless the format writes from the
     * result itself, and says how many there were.
     */
    default long rows(ResultSet rows, ResultColumns columns) throws SQLException {
        long count = 0;
        while (rows.next()) {
            row(SqlValues.row(rows, columns));
            count++;
        }
        return count;
    }

    void end();

    /** The formats of {@code --format}; TABLE, VERTICAL and MARKDOWN are for people, the rest for programs. */
    enum Format {
        TABLE, VERTICAL, CSV, TSV, JSON, JSONL, MARKDOWN;

        public static Format parse(String name, String flag) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Failure.usage(flag + " must be one of table, vertical, csv, tsv, json, jsonl, markdown; not '" + name + "'");
            }
        }

        public boolean forPeople() {
            return this == TABLE || this == VERTICAL || this == MARKDOWN;
        }

        public String flagName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public ResultWriter writer(PrintStream out) {
            return switch (this) {
                case TABLE, VERTICAL, MARKDOWN -> new TextTableWriter(out, this);
                case CSV, TSV -> new DelimitedWriter(out, this == TSV);
                case JSON, JSONL -> new JsonRowsWriter(out, this == JSONL);
            };
        }
    }
}
