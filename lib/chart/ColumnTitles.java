package valor.chart;

import java.util.Locale;
import java.util.Map;

/**
 * Axis titles from the query's columns: what a column means where the schema or the saved query
 * says (a view's column comment, a saved query's {@code -- column} line), else its name in words
 * ({@code session_day} becomes "session day"), never a raw identifier where a meaning exists.
 * @param meanings by column name, lower case
 */
public record ColumnTitles(Map<String, String> meanings) {
    public static final ColumnTitles NONE = new ColumnTitles(Map.of());

    public String of(String column) {
        String meaning = meanings.get(column.toLowerCase(Locale.ROOT));
        if (meaning != null && !meaning.isBlank()) return meaning.strip();
        return column.replace('_', ' ').strip();
    }
}
