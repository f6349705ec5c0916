package valor.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The file names of athletes' pages, made from names the API sends: "Zoë O'Neil" becomes
 * {@code zoe-o-neil.html}, "Иван Петров" {@code иван-петров.html}. A name is only letters, digits
 * and hyphens here (no dot, slash, NUL or control character: a page cannot leave its folder or
 * hide), is cut to {@value #MAX_NAME_BYTES} bytes of UTF-8 at a character boundary (file systems
 * count bytes: 255 on most, 143 on eCryptfs, and the page's temporary file adds to it), and is
 * unique in the folder: athletes whose names come out the same (after folding or cutting), or as a
 * name Windows reserves, all get a short code made from their id, so no page is ever another
 * athlete's and the same athletes always get the same files.
 */
public final class PageNames {
    static final int MAX_NAME_BYTES = 80;
    private static final Pattern NOT_NAME = Pattern.compile("[^\\p{L}\\p{N}\\p{M}]+");
    private static final Pattern WINDOWS_RESERVED = Pattern.compile("con|prn|aux|nul|com[0-9]|lpt[0-9]");
    /** Latin letters Unicode does not decompose into a base letter and a mark. */
    private static final Map<Integer, String> LATIN_LETTERS = Map.ofEntries(Map.entry((int) 'ß', "ss"), Map.entry((int) 'ø', "o"),
            Map.entry((int) 'Ø', "o"), Map.entry((int) 'ł', "l"), Map.entry((int) 'Ł', "l"), Map.entry((int) 'æ', "ae"),
            Map.entry((int) 'Æ', "ae"), Map.entry((int) 'œ', "oe"), Map.entry((int) 'Œ', "oe"), Map.entry((int) 'đ', "d"),
            Map.entry((int) 'Đ', "d"), Map.entry((int) 'ð', "d"), Map.entry((int) 'Ð', "d"), Map.entry((int) 'þ', "th"),
            Map.entry((int) 'Þ', "th"), Map.entry((int) 'ı', "i"));

    private PageNames() {}

    /** valor-report --athlete's page when no --out is given: {@code report-<name>.html}. */
    public static String single(Athlete athlete) {
        return "report-" + slug(athlete) + ".html";
    }

    /** --all's pages, by athlete id, in the athletes' order; none is {@code index.html}. */
    public static Map<String, String> forAll(List<Athlete> athletes) {
        Map<String, List<Athlete>> bySlug = new LinkedHashMap<>();
        for (Athlete athlete : athletes) bySlug.computeIfAbsent(slug(athlete), s -> new ArrayList<>()).add(athlete);
        Set<String> taken = new HashSet<>(Set.of("index"));
        Map<String, String> files = new LinkedHashMap<>();
        List<Athlete> coded = new ArrayList<>();
        bySlug.forEach((slug, named) -> {
            if (named.size() == 1 && !slug.equals("index") && !WINDOWS_RESERVED.matcher(slug).matches()) {
                taken.add(slug);
                files.put(named.get(0).id(), slug);
            } else {
                coded.addAll(named);
            }
        });
        coded.sort(Comparator.comparing(Athlete::id));
        for (Athlete athlete : coded) {
            String base = slug(athlete) + "-" + code(athlete.id());
            String file = base;
            for (int n = 2; !taken.add(file); n++) file = base + "-" + n; // two ids with one code: not in this lifetime, but never one file
            files.put(athlete.id(), file);
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (Athlete athlete : athletes) ordered.put(athlete.id(), files.get(athlete.id()) + ".html");
        return ordered;
    }

    /** The name part of a page's file name: from the name, else from the id, else "athlete". */
    static String slug(Athlete athlete) {
        String slug = slug(athlete.name());
        if (slug.isEmpty()) slug = slug(athlete.id());
        return slug.isEmpty() ? "athlete" : slug;
    }

    private static String slug(String text) {
        if (text == null) return "";
        String words = NOT_NAME.matcher(fold(text).toLowerCase(Locale.ROOT)).replaceAll("-");
        return bounded(words.replaceAll("^-+|-+$", "")).replaceAll("-+$", "");
    }

    /** Latin letters without their accents (a coach types "zoe", not "zoë"); other scripts' letters and marks as they are. */
    private static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        boolean afterLatin = false;
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
            if (mark && afterLatin) continue;
            if (!mark) afterLatin = Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
            String replacement = LATIN_LETTERS.get(c);
            if (replacement != null) folded.append(replacement);
            else folded.appendCodePoint(c);
        }
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    /** The longest start of the text that fits in {@value #MAX_NAME_BYTES} bytes, cut between characters as people see them. */
    private static String bounded(String text) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) return text;
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        int end = 0;
        int bytes = 0;
        for (int next = characters.next(); next != BreakIterator.DONE; next = characters.next()) {
            bytes += text.substring(end, next).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) break;
            end = next;
        }
        return text.substring(0, end);
    }

    /** Eight hex digits of the id's SHA-256: short, the same on every run, and whatever characters the id has. */
    private static String code(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return String.format("%02x%02x%02x%02x", hash[0], hash[1], hash[2], hash[3]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
