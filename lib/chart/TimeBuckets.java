package valor.chart;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An x column read as time buckets, so the buckets without rows can be drawn (as 0, or as a gap)
 * instead of a line bridging them. The bucket is read from the values themselves: ISO weeks
 * ({@code 2026-W05}, as sessions-per-week gives them), months ({@code 2026-01}), or days
 * ({@code 2026-01-05}, or midnight timestamps): days that all fall on one weekday are weeks
 * (a {@code week_start} column), days that are all the first of a month are months. Every label
 * keeps the form the query gave it.
 */
public final class TimeBuckets {
    /** Filling more than this many buckets is not what the query meant (days over decades): the rows are drawn as they are. */
    static final int MOST = 10_000;

    private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MIDNIGHT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T00:00:00Z");

    /** How long one bucket is. */
    public enum Size { DAY, WEEK, MONTH }

    /** How a label is written: the form the query used. */
    private enum Form { ISO_WEEK, MONTH, DAY, MIDNIGHT }

    private final Size size;
    private final Form form;
    private final LocalDate first;
    private final LocalDate last;

    private TimeBuckets(Size size, Form form, LocalDate first, LocalDate last) {
        this.size = size;
        this.form = form;
        this.first = first;
        this.last = last;
    }

    /** The buckets the x values are, when every value reads as one of the same form and there are at least two; else empty. */
    public static Optional<TimeBuckets> of(List<Object> xs) {
        Set<Object> distinct = new HashSet<>(xs);
        if (distinct.size() < 2) return Optional.empty();
        Form form = null;
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Object x : distinct) {
            if (!(x instanceof String text)) return Optional.empty();
            Form read = formOf(text);
            if (read == null || (form != null && form != read)) return Optional.empty();
            form = read;
            LocalDate day = parse(text, form);
            if (day == null) return Optional.empty();
            days.add(day);
        }
        Size size = switch (form) {
            case ISO_WEEK -> Size.WEEK;
            case MONTH -> Size.MONTH;
            case DAY, MIDNIGHT -> days.stream().allMatch(d -> d.getDayOfMonth() == 1) ? Size.MONTH
                    : days.stream().map(LocalDate::getDayOfWeek).distinct().count() == 1 ? Size.WEEK : Size.DAY;
        };
        TimeBuckets buckets = new TimeBuckets(size, form, days.first(), days.last());
        return buckets.count() > MOST ? Optional.empty() : Optional.of(buckets);
    }

    public Size size() {
        return size;
    }

    /** Every bucket from the first value to the last, as labels in the query's form, in time order. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = next(day)) labels.add(label(day));
        return labels;
    }

    /** Which bucket an x value falls in, counted from the first; -1 for a value of another form. */
    public int index(Object x) {
        LocalDate day = x instanceof String text && formOf(text) == form ? parse(text, form) : null;
        if (day == null) return -1;
        return (int) switch (size) {
            case DAY -> ChronoUnit.DAYS.between(first, day);
            case WEEK -> Math.floorDiv(ChronoUnit.DAYS.between(first, day), 7);
            case MONTH -> ChronoUnit.MONTHS.between(first.withDayOfMonth(1), day.withDayOfMonth(1));
        };
    }

    private long count() {
        return switch (size) {
            case DAY -> ChronoUnit.DAYS.between(first, last) + 1;
            case WEEK -> ChronoUnit.WEEKS.between(first, last) + 1;
            case MONTH -> ChronoUnit.MONTHS.between(first.withDayOfMonth(1), last.withDayOfMonth(1)) + 1;
        };
    }

    private LocalDate next(LocalDate day) {
        return switch (size) {
            case DAY -> day.plusDays(1);
            case WEEK -> day.plusWeeks(1);
            case MONTH -> day.plusMonths(1);
        };
    }

    private String label(LocalDate day) {
        return switch (form) {
            case ISO_WEEK -> String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> day.toString().substring(0, 7);
            case DAY -> day.toString();
            case MIDNIGHT -> day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        };
    }

    private static Form formOf(String text) {
        if (ISO_WEEK.matcher(text).matches()) return Form.ISO_WEEK;
        if (MONTH.matcher(text).matches()) return Form.MONTH;
        if (DAY.matcher(text).matches()) return Form.DAY;
        if (MIDNIGHT.matcher(text).matches()) return Form.MIDNIGHT;
        return null;
    }

    /** The first day of the bucket a label names, or null when it names none (2026-13, 2025-W53). */
    private static LocalDate parse(String text, Form form) {
        try {
            return switch (form) {
                case ISO_WEEK -> {
                    int year = Integer.parseInt(text.substring(0, 4));
                    int week = Integer.parseInt(text.substring(6));
                    LocalDate monday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
                    yield week >= 1 && monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == week ? monday : null;
                }
                case MONTH -> LocalDate.parse(text + "-01");
                case DAY -> LocalDate.parse(text);
                case MIDNIGHT -> LocalDate.ofInstant(Instant.parse(text), ZoneOffset.UTC);
            };
        } catch (DateTimeException e) {
            return null;
        }
    }
}
