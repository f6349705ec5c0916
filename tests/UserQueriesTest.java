package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved queries of the user's own, outside the toolkit: in $VALOR_QUERIES (folders separated by
 * ':') or else ~/.config/valor/queries, searched before the built-in ones, shown by --list with
 * where each comes from, and found by valor-shell's helpers too.
 */
class UserQueriesTest {
    static final String LONG_SESSIONS = """
            -- Sessions longer than a limit.
            -- param min = 500: seconds
            select count(*) as n from session_details where duration_s > CAST(:min AS DOUBLE)
            """;

    @TempDir
    static Path shared;
    static AnalystStore store;

    @TempDir
    Path home;

    @BeforeAll
    static void syncAStore() {
        store = AnalystStore.synced(shared, 17, 6, 150);
    }

    @Test
    void aQueryInTheConfigFolderRunsByNameAndListSaysWhereItComesFrom() throws Exception {
        Path folder = write(home.resolve("config/valor/queries/long-sessions.sql"), LONG_SESSIONS).getParent();

        assertEquals("n\n" + longerThan(500) + "\n", sql(() -> TestIo.inHome(home), "long-sessions").out());
        assertEquals("n\n" + longerThan(100) + "\n", sql(() -> TestIo.inHome(home), "long-sessions", "-p", "min=100").out());
        assertEquals(LONG_SESSIONS, sql(() -> TestIo.inHome(home), "--show", "long-sessions").out());

        Map<String, CSVRecord> list = list(() -> TestIo.inHome(home));
        assertEquals(List.of("long-sessions", "min=500", "Sessions longer than a limit.", folder.toString()), list.get("long-sessions").toList());
        assertEquals("built-in", list.get("sessions-per-week").get("source"));

        Path elsewhere = write(home.resolve("elsewhere/queries/long-sessions.sql"), LONG_SESSIONS.replace("= 500", "= 100")).getParent().getParent();
        Supplier<TestIo> configDir = () -> TestIo.inHome(home).env("VALOR_CONFIG_DIR", elsewhere.toString());
        assertEquals("n\n" + longerThan(100) + "\n", sql(configDir, "long-sessions").out(), "VALOR_CONFIG_DIR moves the folder too");
    }

    @Test
    void valorQueriesNamesFoldersSearchedInOrderBeforeTheBuiltInOnes() throws Exception {
        Path first = write(home.resolve("first/sync-status.sql"), "-- Mine.\nselect 'first' as who\n").getParent();
        write(home.resolve("first/long-sessions.sql"), LONG_SESSIONS);
        Path second = write(home.resolve("second/long-sessions.sql"), "-- Theirs.\nselect 'second' as who\n").getParent();
        write(home.resolve("second/only-second.sql"), "-- Only here.\nselect 'second' as who\n");
        write(home.resolve("config/valor/queries/only-default.sql"), "-- Not searched when VALOR_QUERIES is set.\nselect 1\n");
        Supplier<TestIo> io = () -> TestIo.inHome(home).env("VALOR_QUERIES", first + ":" + home.resolve("missing") + "::" + second);

        assertEquals("who\nfirst\n", sql(io, "sync-status").out(), "a user's query wins over the built-in one of that name");
        assertEquals("n\n" + longerThan(500) + "\n", sql(io, "long-sessions").out(), "the first folder wins");
        assertEquals("who\nsecond\n", sql(io, "only-second").out());
        SqlCommandTest.assertOneLine(sql(io, "only-default"), 2, "no saved query named 'only-default'; there are: ");
        assertTrue(sql(io, "only-default").err().contains("only-second, score-drops"), "the user's names are offered too");

        Map<String, CSVRecord> list = list(io);
        assertEquals(first + " (overrides the built-in)", list.get("sync-status").get("source"));
        assertEquals("Mine.", list.get("sync-status").get("description"));
        assertEquals(first + " (overrides the one in " + second + ")", list.get("long-sessions").get("source"));
        assertEquals(second.toString(), list.get("only-second").get("source"));
        assertFalse(list.containsKey("only-default"));
        assertEquals(list(() -> TestIo.inHome(home.resolve("nothing-saved"))).size() + 2, list.size(), "one row per name: the built-in ones and two new ones");
    }

    @Test
    void aBrokenFileIsOneLineNamingItAndExitTwo() throws Exception {
        Path broken = write(home.resolve("mine/weekly.sql"), "-- Weekly.\n-- param weeks 12: how many weeks\nselect :weeks\n");
        Supplier<TestIo> io = () -> TestIo.inHome(home).env("VALOR_QUERIES", broken.getParent().toString());

        SqlCommandTest.assertOneLine(sql(io, "weekly"), 2, broken + ":2: '-- param weeks 12: how many weeks' is not a parameter declaration");
        SqlCommandTest.assertOneLine(sql(io, "--list"), 2, broken + ":2: ");
        assertEquals(0, sql(io, "sync-status").exitCode(), "other queries still run");

        Files.writeString(broken, "-- Weekly.\n-- param weeks = 12 (required): how many weeks\nselect :weeks\n");
        SqlCommandTest.assertOneLine(sql(io, "weekly"), 2, broken + ":2: parameter weeks is required and has a default (12); drop one");

        Files.delete(broken);
        Path badName = write(home.resolve("mine/My Report.sql"), "-- Mine.\nselect 1\n");
        SqlCommandTest.assertOneLine(sql(io, "--list"), 2, badName + ": a saved query's file name is its name, in lower-case letters,"
                + " digits, - and _; rename it, e.g. to my-report.sql");
    }

    /**
     * Another user who can write a folder of saved queries (a lab's shared 0777 folder) chooses what
     * a name runs, a built-in one's included, under the analyst's account. Such a folder or file is
     * refused before anything in it runs, with the chmod that fixes it.
     */
    @Test
    void aFolderOrAFileOthersCanWriteIsRefusedWithTheChmodThatFixesIt() throws Exception {
        Path file = write(home.resolve("lab/queries/sync-status.sql"), "-- Theirs.\nselect 'their query ran' as who\n");
        Path folder = file.getParent();
        Supplier<TestIo> io = () -> TestIo.inHome(home).env("VALOR_QUERIES", folder.toString());

        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        String chmodFolder = "chmod go-w " + folder;
        for (String[] args : List.of(new String[] {"sync-status"}, new String[] {"--list"}, new String[] {"--show", "sync-status"})) {
            TestIo.Result refused = sql(io, args);
            SqlCommandTest.assertOneLine(refused, 2, "saved-query folder " + folder + " is writable by other users (rwxrwxrwx)");
            assertTrue(refused.err().strip().endsWith("fix it with: " + chmodFolder), refused.err());
            assertEquals("", refused.out(), "nothing ran: " + refused.out());
        }

        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        TestIo.Result refused = sql(io, "sync-status");
        SqlCommandTest.assertOneLine(refused, 2, "saved query " + file + " is writable by other users (rw-rw-rw-)");
        assertTrue(refused.err().strip().endsWith("fix it with: chmod go-w " + file), refused.err());
        assertEquals("", refused.out());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("who\ntheir query ran\n", sql(io, "sync-status").out(), "once only its owner can change it, it runs");

        Path configQueries = write(home.resolve("config/valor/queries/mine.sql"), "-- Mine.\nselect 1 as one\n").getParent();
        Files.setPosixFilePermissions(configQueries, PosixFilePermissions.fromString("rwxrwxr-x"));
        SqlCommandTest.assertOneLine(sql(() -> TestIo.inHome(home), "mine"), 2,
                "saved-query folder " + configQueries + " is writable by other users (rwxrwxr-x)");
        assertEquals(0, sql(() -> TestIo.inHome(home), "select 1").exitCode(), "SQL that names no saved query still runs");
    }

    @Test
    void valorShellsHelpersFindThemAndCheckTheAthlete() throws Exception {
        Path folder = write(home.resolve("mine/long-sessions.sql"), LONG_SESSIONS).getParent();
        Path script = write(home.resolve("report.jsh"), """
                show("long-sessions", "min", 100);
                queries();
                show("sessions-per-week", "athlete", "Nobody Atall");
                System.out.println("never");
                """);
        ProcessBuilder shell = JavaProcess.of(ShellCommand.class, "--db", store.db.toString(), script.toString()).redirectErrorStream(true);
        shell.environment().put("HOME", home.toString());
        shell.environment().put("VALOR_QUERIES", folder.toString());
        Process process = shell.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);

        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("(1 row, "), output);
        assertTrue(output.lines().anyMatch(l -> l.trim().equals(String.valueOf(longerThan(100)))), output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("long-sessions ") && l.contains(folder.toString())), "queries() lists it: " + output);
        assertTrue(output.contains("valor-shell: report.jsh:3: no athlete has the id or name 'Nobody Atall'; "), output);
        assertFalse(output.contains("never"), output);
    }

    private static long longerThan(double seconds) {
        return store.organisation.sessions().stream().filter(s -> s.durationSeconds() > seconds).count();
    }

    /** valor-sql on the store, in-process, with a fresh capture of {@code io}'s environment each time. */
    private static TestIo.Result sql(Supplier<TestIo> io, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = store.db.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return io.get().run(new SqlCommand(), all);
    }

    /** valor-sql --list as CSV, by name; fields by column name. */
    private static Map<String, CSVRecord> list(Supplier<TestIo> io) throws Exception {
        TestIo.Result result = sql(io, "--list");
        assertEquals(0, result.exitCode(), result.toString());
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(result.out()));
        assertEquals(List.of("name", "parameters", "description", "source"), parser.getHeaderNames());
        return parser.getRecords().stream().collect(Collectors.toMap(r -> r.get("name"), r -> r));
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
