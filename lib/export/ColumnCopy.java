//DEPS org.duckdb:duckdb_jdbc:1.5.2.1
package valor.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.duckdb.DuckDBAppender;

/**
 * One column of a store's result (H2 or PostgreSQL) as a typed DuckDB column: its DuckDB type, and
 * how a value moves from the store's row into DuckDB's appender. The store keeps its timestamps as
 * UTC without a zone, so they become TIMESTAMPTZ (Parquet's UTC-adjusted timestamps); what has no
 * closer type becomes VARCHAR.
 *
 * <p>A decimal keeps its value exactly. A DECIMAL(p,s) the store states is copied as such; one whose
 * scale the metadata does not tell (H2's DECFLOAT, PostgreSQL's NUMERIC without a precision) is
 * typed from its values ({@link MeasuredDecimal}) once the table is loaded, see {@link #settledType()}.
 */
final class ColumnCopy {
    private enum Kind { BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL, MEASURED_DECIMAL, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, BLOB, VARCHAR }

    private final String name;
    private final Kind kind;
    private final int precision;
    private final int scale;
    private final MeasuredDecimal measured;

    private ColumnCopy(String name, Kind kind, int precision, int scale) {
        this.name = name;
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
        this.measured = kind == Kind.MEASURED_DECIMAL ? new MeasuredDecimal() : null;
    }

    /** The columns of a store's result, named in lower case as the store's SQL spells them. */
    static ColumnCopy[] of(ResultSetMetaData meta) throws SQLException {
        ColumnCopy[] columns = new ColumnCopy[meta.getColumnCount()];
        for (int i = 0; i < columns.length; i++) {
            int precision = meta.getPrecision(i + 1);
            int scale = meta.getScale(i + 1);
            String typeName = meta.getColumnTypeName(i + 1);
            // PostgreSQL's driver reports timestamptz as TIMESTAMP; its values are read with their offset.
            Kind kind = typeName.equalsIgnoreCase("timestamptz") ? Kind.TIMESTAMPTZ
                    // H2 reports a DECFLOAT as NUMERIC with a scale of 0 whatever its values hold.
                    : typeName.equalsIgnoreCase("decfloat") ? Kind.MEASURED_DECIMAL
                    : kind(meta.getColumnType(i + 1), precision, scale);
            columns[i] = new ColumnCopy(meta.getColumnLabel(i + 1).toLowerCase(Locale.ROOT), kind, precision, scale);
        }
        return columns;
    }

    private static Kind kind(int sqlType, int precision, int scale) {
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            case Types.TINYINT -> Kind.TINYINT;
            case Types.SMALLINT -> Kind.SMALLINT;
            case Types.INTEGER -> Kind.INTEGER;
            case Types.BIGINT -> Kind.BIGINT;
            case Types.REAL -> Kind.FLOAT;
            case Types.FLOAT, Types.DOUBLE -> Kind.DOUBLE;
            case Types.DECIMAL, Types.NUMERIC -> precision >= 1 && precision <= MeasuredDecimal.MAX_DIGITS && scale >= 0 && scale <= precision
                    ? Kind.DECIMAL : Kind.MEASURED_DECIMAL;
            case Types.DATE -> Kind.DATE;
            case Types.TIME -> Kind.TIME;
            case Types.TIMESTAMP -> Kind.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMPTZ;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BLOB;
            default -> Kind.VARCHAR;
        };
    }

    /** The column in a DuckDB CREATE TABLE; a measured decimal is loaded as text first. */
    String definition() {
        String type = switch (kind) {
            case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
            case MEASURED_DECIMAL -> "VARCHAR";
            case TIMESTAMP, TIMESTAMPTZ -> "TIMESTAMPTZ";
            default -> kind.name();
        };
        return StoreExport.quote(name) + " " + type;
    }

    /** The type a measured decimal takes now that all its values are loaded (null for other columns, typed from the start). */
    String settledType() {
        return measured == null ? null : measured.type();
    }

    String name() {
        return name;
    }

    /** Appends this column's value in the store's current row (column {@code index}, 1-based) to the appender's row. */
    void append(ResultSet row, int index, DuckDBAppender appender) throws SQLException {
        switch (kind) {
            case BOOLEAN -> appendOrNull(appender, row.getBoolean(index), row);
            case TINYINT -> { byte v = row.getByte(index); if (row.wasNull()) appender.appendNull(); else appender.append(v); }
            case SMALLINT -> { short v = row.getShort(index); if (row.wasNull()) appender.appendNull(); else appender.append(v); }
            case INTEGER -> { int v = row.getInt(index); if (row.wasNull()) appender.appendNull(); else appender.append(v); }
            case BIGINT -> { long v = row.getLong(index); if (row.wasNull()) appender.appendNull(); else appender.append(v); }
            case FLOAT -> { float v = row.getFloat(index); if (row.wasNull()) appender.appendNull(); else appender.append(v); }
            case DOUBLE -> { double v = row.getDouble(index); if (row.wasNull()) appender.appendNull(); else appender.append(v); }
            case DECIMAL -> {
                BigDecimal v = row.getBigDecimal(index);
                // The store holds no value with more decimals than it states; if one came, failing beats rounding it.
                if (v == null) appender.appendNull(); else appender.append(v.setScale(scale, RoundingMode.UNNECESSARY));
            }
            case MEASURED_DECIMAL -> { String v = row.getString(index); if (v == null) appender.appendNull(); else appender.append(measured.accept(v)); }
            case DATE -> { LocalDate v = row.getObject(index, LocalDate.class); if (v == null) appender.appendNull(); else appender.append(v); }
            case TIME -> { LocalTime v = row.getObject(index, LocalTime.class); if (v == null) appender.appendNull(); else appender.append(v); }
            case TIMESTAMP -> {
                LocalDateTime v = row.getObject(index, LocalDateTime.class);
                if (v == null) appender.appendNull(); else appender.append(v.atOffset(ZoneOffset.UTC));
            }
            case TIMESTAMPTZ -> {
                OffsetDateTime v = row.getObject(index, OffsetDateTime.class);
                if (v == null) appender.appendNull(); else appender.append(v);
            }
            case BLOB -> { byte[] v = row.getBytes(index); if (v == null) appender.appendNull(); else appender.append(v); } // appendByteArray would be a TINYINT list
            case VARCHAR -> { String v = row.getString(index); if (v == null) appender.appendNull(); else appender.append(v); }
        }
    }

    private static void appendOrNull(DuckDBAppender appender, boolean value, ResultSet row) throws SQLException {
        if (row.wasNull()) appender.appendNull(); else appender.append(value);
    }
}
