package valor.query;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * How far apart two names are, for "did you mean ...?": the Levenshtein distance (insertions,
 * deletions, substitutions), and the names of a list close enough to one to be what was meant.
 */
public final class EditDistance {
    private EditDistance() {}

    static int between(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * The names {@link #close} to {@code wanted}, nearest first (then in alphabetical order), at most
     * {@code limit}; the name itself is never among them.
     */
    public static List<String> closest(String wanted, Collection<String> names, int limit) {
        return names.stream().distinct().filter(name -> !name.equals(wanted) && close(wanted, name))
                .sorted(Comparator.comparingInt((String name) -> between(wanted, name)).thenComparing(Comparator.naturalOrder()))
                .limit(limit).toList();
    }

    /** A likely typo (a few edits away) or a part of the name (report_metric for report_metric_details). */
    static boolean close(String wanted, String name) {
        return between(wanted, name) <= Math.max(2, wanted.length() / 3)
                || (wanted.length() >= 3 && (name.contains(wanted) || wanted.contains(name)));
    }

    /** "a", "a or b", "a, b or c". */
    public static String choices(List<String> names) {
        if (names.size() <= 1) return String.join("", names);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
