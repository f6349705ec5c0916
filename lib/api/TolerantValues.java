package valor.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import valor.base.Secrets;

/**
 * Reads API values whatever their form: dates in any ISO-8601 or "YYYY-MM-DD HH:MM:SS" form (or
 * epoch seconds/millis) normalised to UTC, and numbers that may arrive as strings. A value that
 * cannot be read throws {@link Unreadable}, so the caller can report it instead of guessing.
 */
public final class TolerantValues {
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
            + "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
            + "\\s*(Z|z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?");
    /** Epoch seconds or milliseconds written as text ({@link #epoch} tells them apart by size). */
    private static final Pattern EPOCH = Pattern.compile("\\d{9,13}");

    private TolerantValues() {}

    /** A value that cannot be read; its message quotes the value, so it is masked as any text a server sent. */
    public static final class Unreadable extends Exception {
        Unreadable(String what) {
            super(Secrets.redact(what));
        }
    }

    /** Text of a scalar; null for JSON null, a missing value or blank text. */
    public static String text(JsonNode value) throws Unreadable {
        if (value == null || value.isNull()) return null;
        if (value.isContainerNode()) throw new Unreadable("an object or array, not text");
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    public static Double number(JsonNode value) throws Unreadable {
        if (value != null && value.isNumber()) return value.asDouble();
        String text = text(value);
        if (text == null) return null;
        try {
            double number = Double.parseDouble(text);
            if (Double.isNaN(number) || Double.isInfinite(number)) throw new NumberFormatException();
            return number;
        } catch (NumberFormatException e) {
            throw new Unreadable("'" + text + "' is not a number");
        }
    }

    /** A UTC timestamp as a LocalDateTime (the store's TIMESTAMP columns hold UTC). */
    public static LocalDateTime utcTimestamp(JsonNode value) throws Unreadable {
        if (value != null && value.isNumber()) return epoch(value.asLong());
        String text = text(value);
        if (text == null) return null;
        if (EPOCH.matcher(text).matches()) return epoch(Long.parseLong(text));
        Matcher m = DATE.matcher(text);
        if (!m.matches()) throw new Unreadable("'" + text + "' is not a date");
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalDateTime local = m.group(4) == null ? date.atStartOfDay() : date.atTime(
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                    m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9)));
            return local.minusSeconds(offsetSeconds(m.group(8)));
        } catch (RuntimeException e) {
            throw new Unreadable("'" + text + "' is not a valid date");
        }
    }

    private static int offsetSeconds(String zone) {
        if (zone == null || zone.equalsIgnoreCase("Z") || zone.equals("UTC") || zone.equals("GMT")) return 0;
        return ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone).getTotalSeconds();
    }

    /** Epoch seconds, or milliseconds when the number is too large to be seconds. */
    private static LocalDateTime epoch(long value) {
        Instant instant = value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
