package valor.output;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Turns JDBC values into the few Java types every output format and the shell helpers share,
 * and into text. The store keeps UTC in TIMESTAMP columns, so a TIMESTAMP becomes an
 * {@link Instant} and prints as ISO-8601 with a Z.
 *
 * <p>A number prints as its value, whatever type the engine gave it: the shortest decimal that is
 * exactly the value, without E-notation or trailing zeros. The engines type the same expression
 * differently (H2 computes {@code ROUND(duration_s / 60.0, 2)} as a DECFLOAT 68 where PostgreSQL
 * gives the DOUBLE PRECISION 68.0, {@code EXTRACT} is an INTEGER on H2 and a NUMERIC on
 * PostgreSQL, H2's AVG of a BIGINT has 10 decimals and PostgreSQL's 16), so text that followed the
 * type would print one value differently on an H2 file and on a team store.
 */
public final class SqlValues {
    private SqlValues() {}

    /** The value of one column: null, Boolean, Long, Double, BigDecimal, String, Instant, LocalDate, LocalTime, byte[] or List. */
    public static Object read(ResultSet rows, int column, int sqlType) throws SQLException {
        Object value = switch (sqlType) {
            case Types.TIMESTAMP -> rows.getObject(column, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rows.getObject(column, OffsetDateTime.class);
            case Types.DATE -> rows.getObject(column, LocalDate.class);
            case Types.TIME -> rows.getObject(column, LocalTime.class);
            case Types.TIME_WITH_TIMEZONE -> rows.getString(column);
            case Types.NUMERIC, Types.DECIMAL -> decimal(rows, column);
            default -> rows.getObject(column);
        };
        return rows.wasNull() ? null : normalise(value);
    }

    /** The values of the result's current row, each as {@link #read} gives it. */
    public static Object[] row(ResultSet rows, ResultColumns columns) throws SQLException {
        Object[] row = new Object[columns.size()];
        for (int c = 0; c < row.length; c++) row[c] = read(rows, c + 1, columns.types().get(c));
        return row;
    }

    /** A decimal; H2's DECFLOAT NaN and infinities, which no BigDecimal can be, as the doubles they are. */
    private static Object decimal(ResultSet rows, int column) throws SQLException {
        try {
            return rows.getObject(column);
        } catch (SQLException notABigDecimal) {
            String text = rows.getString(column);
            if (text != null && text.matches("NaN|-?Infinity")) return Double.valueOf(text);
            throw notABigDecimal;
        }
    }

    static Object normalise(Object value) throws SQLException {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double || value instanceof BigDecimal || value instanceof Instant
                || value instanceof LocalDate || value instanceof LocalTime || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) return ((Number) value).longValue();
        if (value instanceof Float f) return Double.valueOf(f.toString());
        if (value instanceof java.math.BigInteger big) return new BigDecimal(big);
        if (value instanceof LocalDateTime utc) return utc.toInstant(ZoneOffset.UTC);
        if (value instanceof OffsetDateTime time) return time.toInstant();
        if (value instanceof Clob clob) return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
        if (value instanceof Array array) {
            List<Object> items = new ArrayList<>();
            for (Object item : (Object[]) array.getArray()) items.add(normalise(item));
            return items;
        }
        if (value instanceof Object[] items) {
            List<Object> list = new ArrayList<>();
            for (Object item : items) list.add(normalise(item));
            return list;
        }
        return value.toString(); // UUID, JSON, INTERVAL, GEOMETRY...: their SQL text
    }

    /** Text for a value; null stays null so each format can say NULL its own way. */
    public static String text(Object value) {
        if (value == null) return null;
        if (value instanceof String text) return text;
        if (value instanceof Instant instant) return DateTimeFormatter.ISO_INSTANT.format(instant);
        if (value instanceof Double number) return number(number);
        if (value instanceof BigDecimal number) return number(number);
        if (value instanceof byte[] bytes) return HexFormat.of().formatHex(bytes);
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) items.add(item == null ? "null" : text(item));
            return "[" + String.join(", ", items) + "]";
        }
        return value.toString();
    }

    public static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
                    Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }

    /**
     * A column's name for output: the label, in lower case when it has no lower-case letter,
     * because H2 upper-cases unquoted identifiers ({@code athlete_id} comes back as ATHLETE_ID)
     * while a quoted alias such as "Total Minutes" keeps the case it was given.
     */
    public static String label(ResultSetMetaData meta, int column) throws SQLException {
        String label = meta.getColumnLabel(column);
        return label.chars().anyMatch(Character::isLowerCase) ? label : label.toLowerCase(Locale.ROOT);
    }

    /** A double as its shortest exact decimal: 68 (not 68.0), 0.00001 (not 1.0E-5); NaN and the infinities by name. */
    static String number(double number) {
        if (number == 0) return "0"; // -0.0 too: a DECFLOAT or NUMERIC zero has no sign
        String text = Double.toString(number); // the shortest digits that read back as the same double
        if (text.indexOf('E') < 0) return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
        return Double.isFinite(number) ? number(new BigDecimal(text)) : text;
    }

    /** A decimal as its value: 1.5 for 1.50, 60 for 6E+1. */
    static String number(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}
