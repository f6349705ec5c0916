package valor.shell;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import valor.base.Failure;
import valor.output.SqlValues;

/** Converts a query value to the type of a record component, for {@link Shell#rows(Class, String, Object...)}. */
public final class RecordValues {
    private RecordValues() {}

    public static Object convert(Object value, Class<?> type, String component) {
        if (value == null) {
            if (type.isPrimitive()) throw Failure.usage(component + " is a " + type + " but the column is NULL; use a boxed type");
            return null;
        }
        if (type.isInstance(value)) return value;
        if (value instanceof Number number) {
            if (type == long.class || type == Long.class) return number.longValue();
            if (type == int.class || type == Integer.class) return Math.toIntExact(number.longValue());
            if (type == double.class || type == Double.class) return number.doubleValue();
            if (type == BigDecimal.class) return new BigDecimal(number.toString());
        }
        if (value instanceof Instant instant && type == LocalDateTime.class) return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (value instanceof Instant instant && type == LocalDate.class) return LocalDate.ofInstant(instant, ZoneOffset.UTC);
        if (type == String.class) return SqlValues.text(value);
        if (type == boolean.class && value instanceof Boolean bool) return bool;
        throw Failure.usage(component + " is a " + type.getSimpleName() + " but the column holds a " + value.getClass().getSimpleName());
    }
}
