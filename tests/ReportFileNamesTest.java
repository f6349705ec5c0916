package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names made from hostile names ({@link HostileStore}): 300-character names (ASCII and
 * multi-byte), names that are paths, empty, reserved on Windows, or the same as another's once
 * made into a file name. Every athlete gets a page whose name is short in bytes, unique, the same
 * on every run and inside the folder; a page that cannot be written does not stop the others.
 */
class ReportFileNamesTest {
    /** Room for the page's temporary file (".NAME.<random>.tmp") under eCryptfs' 143 bytes, and far under the usual 255. */
    private static final int MAX_FILE_NAME_BYTES = 110;

    @TempDir
    Path dir;

    @Test
    void everyAthleteGetsABoundedUniqueStablePageInsideTheFolder() throws Exception {
        Path folder = dir.resolve("reports");
        TestIo.Result result = report("--all", "--out", folder.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("reports"), names(dir), "nothing is written beside the folder");
        List<String> files = names(folder);
        assertEquals(HostileStore.ATHLETES.size() + 1, files.size(), "a page per athlete and the index, nothing else: " + files);
        for (String file : files) {
            assertTrue(file.getBytes(StandardCharsets.UTF_8).length <= MAX_FILE_NAME_BYTES, file + ": "
                    + file.getBytes(StandardCharsets.UTF_8).length + " bytes");
            assertTrue(file.matches("[\\p{L}\\p{N}\\p{M}]+(-[\\p{L}\\p{N}\\p{M}]+)*\\.html"), "letters, digits and hyphens only: " + file);
            assertFalse(file.matches("(?i)(con|prn|aux|nul|com\\d|lpt\\d)\\.html"), "not a name Windows reserves: " + file);
        }
        Map<String, String> pages = pagesById(folder);
        assertEquals(athletes().keySet(), pages.keySet(), "a page for every athlete: the long, empty and path-like names too");
        assertEquals(pages.size(), new HashSet<>(pages.values()).size(), "one page per athlete: " + pages);

        Map<String, String> athletes = athletes();
        String longAscii = fileOf(pages, athletes, HostileStore.LONG_ASCII + " x");
        String otherLongAscii = fileOf(pages, athletes, HostileStore.LONG_ASCII + " y");
        assertTrue(longAscii.startsWith("aaaa") && otherLongAscii.startsWith("aaaa") && !longAscii.equals(otherLongAscii),
                "names that are the same once cut get two pages: " + longAscii + ", " + otherLongAscii);
        String multiByte = fileOf(pages, athletes, HostileStore.LONG_MULTIBYTE + " 甲");
        assertTrue(multiByte.startsWith("王小明王小明") && !multiByte.equals(fileOf(pages, athletes, HostileStore.LONG_MULTIBYTE + " 乙")),
                "a multi-byte name keeps its letters, cut by bytes: " + multiByte);
        assertTrue(fileOf(pages, athletes, "Noah Cohen").startsWith("noah-cohen-") && fileOf(pages, athletes, "noah- COHEN").startsWith("noah-cohen-"),
                "two athletes whose names come out the same both carry a code: " + pages.values());
        assertTrue(fileOf(pages, athletes, "Zoë " + HostileStore.IMG).startsWith("zoe-img-src-x-onerror"), "a name folds to readable letters");

        TestIo.Result again = report("--all", "--out", folder.toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(pages, pagesById(folder), "every athlete keeps the same page on the next run");
        assertEquals(files, names(folder));
    }

    @Test
    void aPageThatCannotBeWrittenIsListedAndTheOthersAndTheIndexAreWritten() throws Exception {
        Path folder = dir.resolve("reports");
        assertEquals(0, report("--all", "--out", folder.toString()).exitCode());
        Map<String, String> athletes = athletes();
        String blocked = fileOf(pagesById(folder), athletes, "Noah Cohen");
        Files.delete(folder.resolve(blocked));
        Files.writeString(Files.createDirectories(folder.resolve(blocked)).resolve("keep.txt"), "mine");
        Files.delete(folder.resolve("index.html"));
        for (String page : names(folder)) if (!page.equals(blocked)) Files.delete(folder.resolve(page));

        TestIo.Result result = report("--all", "--out", folder.toString());
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(folder.resolve("index.html") + "\n", result.out(), "the index is written and its path printed");
        List<String> lines = result.err().lines().toList();
        assertEquals(2, lines.size(), "the page that failed, then the count: " + result.err());
        assertTrue(lines.get(0).startsWith("valor-report: no page for Noah Cohen (") && lines.get(0).contains(blocked), lines.get(0));
        assertTrue(lines.get(1).contains("1 of " + athletes.size() + " pages could not be written"), lines.get(1));
        assertEquals(athletes.size() + 1, names(folder).size(), "every other page, the index, and the folder in the way: " + names(folder));
        assertEquals("mine", Files.readString(folder.resolve(blocked).resolve("keep.txt")));
        String index = Files.readString(folder.resolve("index.html"));
        assertTrue(index.contains("1 of " + athletes.size() + " pages could not be written"), "the index says a page is missing");
        assertTrue(index.contains("<tr class=\"failed\"><td>Noah Cohen<br><small>no page: "), "the index marks the athlete without a page");
        assertFalse(index.contains("href=\"" + blocked + "\""), "and links no page for them");
    }

    /** Without --out the page is named after the athlete in the current folder: a 300-character name too. */
    @Test
    void aLongNameGivesABoundedPageNameWithoutOut() throws Exception {
        Map<String, String> athletes = athletes();
        for (String name : List.of(HostileStore.LONG_ASCII + " x", HostileStore.LONG_MULTIBYTE + " 甲")) {
            String id = athletes.entrySet().stream().filter(a -> a.getValue().equals(name)).findFirst().orElseThrow().getKey();
            ProcessBuilder child = JavaProcess.of(ReportCommand.class, "--db", HostileStore.db().toString(), "--athlete", id).directory(dir.toFile());
            child.environment().put("HOME", HostileStore.home().toString());
            Process process = child.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, process.waitFor(), output);
            assertTrue(output.startsWith("report-") && output.getBytes(StandardCharsets.UTF_8).length <= MAX_FILE_NAME_BYTES, output);
            assertEquals(id, ReportTest.embedded(Files.readString(dir.resolve(output), StandardCharsets.UTF_8)).get("athlete").get("id").asText());
        }
    }

    private static TestIo.Result report(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", HostileStore.db().toString()));
        all.addAll(List.of(args));
        return TestIo.inHome(HostileStore.home()).run(new ReportCommand(), all.toArray(String[]::new));
    }

    /** Every athlete's id and name as the store has them. */
    private static Map<String, String> athletes() {
        Map<String, String> athletes = new TreeMap<>();
        for (Map<String, Object> row : TestDb.rows(HostileStore.db(), "SELECT athlete_id, TRIM(CONCAT(first_name, ' ', last_name)) AS name FROM athletes")) {
            athletes.put((String) row.get("athlete_id"), (String) row.get("name"));
        }
        return athletes;
    }

    /** Each page's athlete, read from the page itself. */
    private static Map<String, String> pagesById(Path folder) throws Exception {
        Map<String, String> pages = new TreeMap<>();
        for (String file : names(folder)) {
            if (file.equals("index.html") || Files.isDirectory(folder.resolve(file))) continue;
            pages.put(ReportTest.embedded(Files.readString(folder.resolve(file), StandardCharsets.UTF_8)).get("athlete").get("id").asText(), file);
        }
        return pages;
    }

    private static String fileOf(Map<String, String> pages, Map<String, String> athletes, String name) {
        Set<String> ids = new HashSet<>();
        athletes.forEach((id, shown) -> {
            if (shown.equals(name)) ids.add(id);
        });
        assertEquals(1, ids.size(), "one athlete is called " + name);
        return pages.get(ids.iterator().next());
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
