package valor.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import valor.base.Failure;

/**
 * A syntax error in plain words, whichever engine found it at a position of the statement: the
 * word there ({@code unexpected "sessions"}), a statement that ends too early, a string never
 * closed, a first word that starts no statement, and a misspelt keyword there or just before it
 * ({@code "frm": did you mean FROM?}, which H2 takes for an alias and then trips over the next
 * word). What the engine expected is kept when a person can read it: one to four symbols or
 * words, or "an expression" for H2's long lists of what may start one.
 */
final class SqlSyntax {
    /** What a statement the toolkit's users write starts with. */
    private static final List<String> STATEMENTS = List.of("SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN", "SHOW", "CALL",
            "INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "ALTER", "DROP", "SET");
    /** Keywords worth a "did you mean" when a word is one typo away from them. */
    private static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP", "ORDER", "BY", "HAVING", "LIMIT",
            "OFFSET", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "CROSS", "ON", "USING", "AND", "OR", "NOT", "AS", "DISTINCT",
            "UNION", "EXCEPT", "INTERSECT", "CASE", "WHEN", "THEN", "ELSE", "END", "BETWEEN", "LIKE", "ILIKE", "NULL", "IS",
            "IN", "EXISTS", "WITH", "DESC", "ASC", "NULLS", "COUNT", "CAST", "OVER", "PARTITION", "WINDOW", "FETCH");
    /** In H2's expected lists, the words that mean "an expression may start here". */
    private static final Set<String> EXPRESSION_STARTS = Set.of("NOT", "EXISTS", "UNIQUE", "INTERSECTS");
    private static final int READABLE_EXPECTED = 4;

    private SqlSyntax() {}

    /**
     * @param jdbcIndex where in {@code statement.jdbcSql()} the engine placed the error
     * @param expected  the engine's list of what could come there (empty when it gave none)
     */
    static Failure explain(SqlStatements.Statement statement, String text, int jdbcIndex, List<String> expected) {
        String sql = statement.jdbcSql();
        int at = skipSpace(sql, Math.min(jdbcIndex, sql.length()));
        String word = token(sql, at);
        String previous = tokenBefore(sql, at);
        String what;
        if (word.isEmpty()) {
            what = "the statement ends too early" + (previous.isEmpty() ? "" : ", after \"" + previous + "\"");
        } else if (word.charAt(0) == '\'' && (word.length() == 1 || !word.endsWith("'"))) {
            what = "the string that starts here is never closed (a quote ' is missing)";
        } else if (startsTheStatement(sql, at)) {
            List<String> meant = typoOf(word, STATEMENTS);
            what = "\"" + word + "\" does not start a statement; " + (meant.isEmpty()
                    ? "a query starts with SELECT or WITH" : "did you mean " + EditDistance.choices(meant) + "?");
            expected = List.of();
        } else {
            what = "unexpected \"" + word + "\"";
        }
        String meant = "";
        if (!word.isEmpty() && !startsTheStatement(sql, at) && !typoOf(word, KEYWORDS).isEmpty()) {
            meant = "; did you mean " + EditDistance.choices(typoOf(word, KEYWORDS)) + "?";
        } else if (!previous.isEmpty() && !typoOf(previous, KEYWORDS).isEmpty()) {
            meant = "; \"" + previous + "\" before it: did you mean " + EditDistance.choices(typoOf(previous, KEYWORDS)) + "?";
        }
        ErrorSpot spot = ErrorSpot.of(statement, text, at, Math.max(1, word.length()));
        return Failure.failed("syntax error at " + spot.where() + ": " + what + readable(expected) + meant).withDetails(spot.details());
    }

    /** "; expected )", "; expected an expression", or nothing where the list is too long to help. */
    private static String readable(List<String> expected) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : expected) if (!item.isBlank()) items.add(item.strip());
        if (items.isEmpty()) return "";
        if (items.stream().anyMatch(EXPRESSION_STARTS::contains)) return "; expected an expression (a column, a value or a function)";
        if (items.size() > READABLE_EXPECTED) return "";
        return "; expected " + EditDistance.choices(new ArrayList<>(items));
    }

    /** Keywords one typo away from {@code word} (a letter wrong, missing, extra, or two swapped); none if it is one. */
    private static List<String> typoOf(String word, List<String> keywords) {
        String upper = word.toUpperCase(Locale.ROOT);
        if (upper.length() < 2 || !upper.chars().allMatch(Character::isLetter) || keywords.contains(upper)) return List.of();
        List<String> close = new ArrayList<>();
        for (String keyword : keywords) {
            int distance = EditDistance.between(upper, keyword);
            boolean swapped = distance == 2 && upper.length() == keyword.length() && sorted(upper).equals(sorted(keyword));
            if ((distance == 1 && upper.length() >= 3) || swapped) close.add(keyword);
        }
        return close;
    }

    private static String sorted(String word) {
        char[] letters = word.toCharArray();
        java.util.Arrays.sort(letters);
        return new String(letters);
    }

    /** Whether only spaces and comments come before {@code at}. */
    private static boolean startsTheStatement(String sql, int at) {
        int i = 0;
        while (i < at) {
            i = skipSpace(sql, i);
            if (i >= at) return true;
            if (sql.startsWith("--", i) || sql.startsWith("//", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(String sql, int i) {
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) i++;
        return i;
    }

    /** The word, number, quoted text or symbol at {@code at}; "" at the end. */
    static String token(String sql, int at) {
        if (at >= sql.length()) return "";
        char c = sql.charAt(at);
        int end = at + 1;
        if (Character.isLetterOrDigit(c) || c == '_') {
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) end++;
        } else if (c == '\'' || c == '"') {
            end = sql.indexOf(c, at + 1);
            end = end < 0 ? sql.length() : end + 1;
        }
        return sql.substring(at, end);
    }

    /** The word or symbol just before {@code at}; "" if there is none. */
    private static String tokenBefore(String sql, int at) {
        int end = at;
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) end--;
        if (end == 0) return "";
        int start = end - 1;
        if (Character.isLetterOrDigit(sql.charAt(start)) || sql.charAt(start) == '_') {
            while (start > 0 && (Character.isLetterOrDigit(sql.charAt(start - 1)) || sql.charAt(start - 1) == '_')) start--;
        }
        return sql.substring(start, end);
    }
}
