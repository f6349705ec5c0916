package valor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import valor.base.Failure;

/**
 * Splits SQL text into statements at top-level semicolons and turns each {@code :name} into a
 * JDBC {@code ?}, so that parameters are bound, never spliced into the SQL. Quoted strings,
 * quoted identifiers, {@code $$...$$} bodies and comments are skipped, and {@code ::} stays a cast.
 */
public final class SqlStatements {
    private SqlStatements() {}

    /**
     * One statement: the SQL to prepare, the parameter name of each {@code ?} (lower case) and,
     * for each character of {@code jdbcSql}, where it came from in the text, for error messages.
     */
    public record Statement(String jdbcSql, List<String> parameters, int[] sourceOffsets) {
        public int sourceOffset(int jdbcIndex) {
            return sourceOffsets[Math.max(0, Math.min(jdbcIndex, sourceOffsets.length - 1))];
        }
    }

    public static List<Statement> parse(String text) {
        List<Statement> statements = new ArrayList<>();
        Builder current = new Builder(text);
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            char next = i + 1 < length ? text.charAt(i + 1) : '\0';
            if (c == '\'' || c == '"' || c == '`') {
                i = current.copy(i, closingQuote(text, i, c));
            } else if (c == '$' && next == '$') {
                int end = text.indexOf("$$", i + 2);
                i = current.copy(i, end < 0 ? length : end + 2);
            } else if ((c == '-' && next == '-') || (c == '/' && next == '/')) {
                int end = text.indexOf('\n', i);
                i = current.copy(i, end < 0 ? length : end);
            } else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                i = current.copy(i, end < 0 ? length : end + 2);
            } else if (c == ':' && next == ':') {
                i = current.copy(i, i + 2);
            } else if (c == ':' && (Character.isLetter(next) || next == '_')) {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) end++;
                current.parameter(i, text.substring(i + 1, end).toLowerCase(Locale.ROOT));
                i = end;
            } else if (c == '?') {
                throw Failure.usage("positional ? parameters are not supported; name them (:athlete) and pass -p athlete=VALUE");
            } else if (c == ';') {
                current.finish(statements);
                current = new Builder(text);
                i++;
            } else {
                i = current.copy(i, i + 1);
            }
        }
        current.finish(statements);
        return statements;
    }

    /** The parameter names a text uses, in order of first use. */
    public static List<String> parameterNames(String text) {
        List<String> names = new ArrayList<>();
        for (Statement statement : parse(text)) {
            for (String name : statement.parameters()) if (!names.contains(name)) names.add(name);
        }
        return names;
    }

    private static int closingQuote(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2; // a doubled quote is the quote character itself
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static final class Builder {
        private final String text;
        private final StringBuilder sql = new StringBuilder();
        private final List<Integer> offsets = new ArrayList<>();
        private final List<String> parameters = new ArrayList<>();
        private int start = -1;
        private boolean onlyComments = true;

        Builder(String text) {
            this.text = text;
        }

        int copy(int from, int to) {
            if (start < 0) start = from;
            String part = text.substring(from, to);
            if (!part.isBlank() && !part.startsWith("--") && !part.startsWith("//") && !part.startsWith("/*")) onlyComments = false;
            for (int i = from; i < to; i++) {
                sql.append(text.charAt(i));
                offsets.add(i);
            }
            return to;
        }

        void parameter(int at, String name) {
            if (start < 0) start = at;
            onlyComments = false;
            sql.append('?');
            offsets.add(at);
            parameters.add(name);
        }

        void finish(List<Statement> into) {
            if (onlyComments) return;
            int lead = 0;
            while (lead < sql.length() && Character.isWhitespace(sql.charAt(lead))) lead++;
            int trail = sql.length();
            while (trail > lead && Character.isWhitespace(sql.charAt(trail - 1))) trail--;
            int[] map = new int[trail - lead + 1];
            for (int i = lead; i < trail; i++) map[i - lead] = offsets.get(i);
            map[trail - lead] = trail > lead ? offsets.get(trail - 1) + 1 : start;
            into.add(new Statement(sql.substring(lead, trail), List.copyOf(parameters), map));
        }
    }
}
