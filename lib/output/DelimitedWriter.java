package valor.output;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;

/**
 * CSV (RFC 4180 quoting) or TSV: a header of column names, then one record per row; NULL is an
 * empty field. Lines end in \n, what Unix pipelines expect. A field is quoted exactly when
 * Commons CSV's minimal quoting would (DelimitedWriterTest compares the two): when it holds a
 * quote, the delimiter, CR or LF, starts with a character up to '#' or ends in one up to a space,
 * or is an empty string first on its line; a quote inside is doubled.
 *
 * <p>Rows go from the JDBC result straight to UTF-8 bytes in 64 KB blocks ({@link ByteBlock}):
 * text, whole numbers, doubles and timestamps are read with their own getter and written without
 * the boxed value and its text the other formats need. Exporting a million sessions with their
 * JSON spent most of its time on those objects, in Commons CSV and in the stream's encoder.
 */
final class DelimitedWriter implements ResultWriter {
    private static final int TEXT = 0, WHOLE = 1, DOUBLE = 2, TIMESTAMP = 3, OTHER = 4;
    private final ByteBlock out;
    private final byte delimiter;

    DelimitedWriter(PrintStream out, boolean tabs) {
        this.out = new ByteBlock(out);
        this.delimiter = (byte) (tabs ? '\t' : ',');
    }

    @Override
    public void begin(ResultColumns columns) {
        for (int i = 0; i < columns.size(); i++) field(i, columns.names().get(i));
        out.put((byte) '\n');
    }

    @Override
    public void row(Object[] values) {
        for (int i = 0; i < values.length; i++) field(i, SqlValues.text(values[i]));
        out.put((byte) '\n');
    }

    @Override
    public long rows(ResultSet rows, ResultColumns columns) throws SQLException {
        int[] kinds = new int[columns.size()];
        for (int i = 0; i < kinds.length; i++) kinds[i] = kind(columns.types().get(i));
        long count = 0;
        while (rows.next()) {
            for (int i = 0; i < kinds.length; i++) {
                int column = i + 1;
                if (i > 0) out.put(delimiter);
                switch (kinds[i]) {
                    case TEXT -> text(i, rows.getString(column));
                    case WHOLE -> {
                        long value = rows.getLong(column);
                        if (!rows.wasNull()) out.putLong(value);
                    }
                    case DOUBLE -> {
                        double value = rows.getDouble(column);
                        if (!rows.wasNull()) out.putAscii(SqlValues.number(value));
                    }
                    case TIMESTAMP -> timestamp(i, rows.getObject(column, LocalDateTime.class));
                    default -> text(i, SqlValues.text(SqlValues.read(rows, column, columns.types().get(i))));
                }
            }
            out.put((byte) '\n');
            count++;
        }
        return count;
    }

    @Override
    public void end() {
        out.flush();
    }

    /** How a column is read: by its own getter where that gives what {@link SqlValues#read} would print. */
    private static int kind(int sqlType) {
        return switch (sqlType) {
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR -> TEXT;
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> WHOLE;
            case Types.DOUBLE, Types.FLOAT -> DOUBLE; // not REAL: a float prints as its own shortest digits
            case Types.TIMESTAMP -> TIMESTAMP;
            default -> OTHER;
        };
    }

    private void field(int column, String text) {
        if (column > 0) out.put(delimiter);
        text(column, text);
    }

    /** One field's text, quoted where needed; the delimiter before it is written already. */
    private void text(int column, String text) {
        if (text == null) return;
        byte[] bytes = ByteBlock.utf8(text);
        int length = bytes.length;
        if (length == 0) {
            if (column == 0) out.putAscii("\"\""); // an empty first field alone would be an empty line
            return;
        }
        if (!needsQuotes(bytes)) {
            out.put(bytes, 0, length);
            return;
        }
        out.put((byte) '"');
        int from = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '"') { // written up to and with the quote, which then starts the next run: doubled
                out.put(bytes, from, i + 1 - from);
                from = i;
            }
        }
        out.put(bytes, from, length - from);
        out.put((byte) '"');
    }

    /**
     * The characters Commons CSV quotes for are ASCII, and in UTF-8 an ASCII byte is only ever
     * that character, so the bytes decide as the characters would.
     */
    private boolean needsQuotes(byte[] bytes) {
        if ((bytes[0] & 0xFF) <= '#') return true;
        for (byte b : bytes) {
            if (b == '"' || b == delimiter || b == '\n' || b == '\r') return true;
        }
        return (bytes[bytes.length - 1] & 0xFF) <= ' ';
    }

    /** As {@link SqlValues#text} prints the instant (ISO-8601, UTC, fractions in groups of three), without a formatter. */
    private void timestamp(int column, LocalDateTime utc) throws SQLException {
        if (utc == null) return;
        int year = utc.getYear();
        if (year < 1000 || year > 9999) {
            text(column, SqlValues.text(SqlValues.normalise(utc)));
            return;
        }
        out.putPadded(year, 4);
        out.put((byte) '-');
        out.putPadded(utc.getMonthValue(), 2);
        out.put((byte) '-');
        out.putPadded(utc.getDayOfMonth(), 2);
        out.put((byte) 'T');
        out.putPadded(utc.getHour(), 2);
        out.put((byte) ':');
        out.putPadded(utc.getMinute(), 2);
        out.put((byte) ':');
        out.putPadded(utc.getSecond(), 2);
        int nano = utc.getNano();
        if (nano != 0) {
            out.put((byte) '.');
            if (nano % 1_000_000 == 0) out.putPadded(nano / 1_000_000, 3);
            else if (nano % 1000 == 0) out.putPadded(nano / 1000, 6);
            else out.putPadded(nano, 9);
        }
        out.put((byte) 'Z');
    }
}
