package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.PrivateFiles;
import valor.fake.FakeValorApi;

/**
 * Backups, file-sync tools and read-only copies see the store change only when something wrote
 * to it: every read-only command leaves the file byte for byte as it was, and adds nothing beside it.
 */
class ReadersLeaveTheStoreTest {
    @TempDir
    Path dir;
    private AnalystStore store;

    @BeforeEach
    void synced() throws Exception {
        Files.createDirectories(dir.resolve("store"), PrivateFiles.attributes(PrivateFiles.FOLDER));
        store = AnalystStore.synced(dir.resolve("store"), 41, 5, 200);
    }

    /** The store's folder as a reader must leave it: every file's name and checksum. */
    private String folder() throws Exception {
        StringBuilder listing = new StringBuilder();
        try (Stream<Path> files = Files.list(store.db.getParent())) {
            for (Path file : files.sorted().toList()) {
                listing.append(file.getFileName()).append(' ')
                        .append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))).append('\n');
            }
        }
        return listing.toString();
    }

    @Test
    void valorSqlLeavesTheFileAsItWasEvenWhenAQueryFails() throws Exception {
        String before = folder();
        for (List<String> args : List.of(List.of("select count(*) from sessions"), List.of("select no_such_column from sessions"),
                List.of("sessions-per-week"), List.of("--tables"), List.of("delete from sessions"))) {
            TestIo.Result result = store.sql(args.toArray(String[]::new));
            assertEquals(before, folder(), "valor-sql " + args + " changed the store's folder: " + result);
        }
    }

    @Test
    void aValorShellScriptLeavesTheFileAsItWas() throws Exception {
        String before = folder();
        Path script = dir.resolve("read.jsh");
        Files.writeString(script, "show(\"select count(*) as n from sessions\");\nshow(\"select nope\");\n");
        Process shell = JavaProcess.start(dir.resolve("shell.log"), ShellCommand.class, "--db", store.db.toString(), script.toString());
        assertTrue(shell.waitFor(120, TimeUnit.SECONDS));
        assertTrue(Files.readString(dir.resolve("shell.log")).contains("(1 row"), Files.readString(dir.resolve("shell.log")));
        assertEquals(before, folder(), "valor-shell changed the store's folder");
    }

    @Test
    void valorConsoleLeavesTheFileAsItWas() throws Exception {
        String before = folder();
        try (ConsoleProcess console = ConsoleProcess.start(dir, "--db", store.db.toString(), "--no-browser")) {
            String answer = query(console, "select count(*) as live_sessions from session_details");
            assertTrue(answer.contains(String.valueOf(store.organisation.sessionCount())), answer);
            query(console, "select no_such_column from sessions");
        }
        assertEquals(before, folder(), "valor-console changed the store's folder");
    }

    /** A console stays open across syncs: it reads the file directly until a sync comes, then the store as the sync left it. */
    @Test
    void aConsoleOpenAcrossASyncShowsWhatTheSyncStored() throws Exception {
        String count = "select count(*) as live_sessions from session_details";
        try (ConsoleProcess console = ConsoleProcess.start(dir, "--db", store.db.toString(), "--no-browser")) {
            long before = store.organisation.sessionCount();
            assertTrue(query(console, count).contains(">" + before + "<"), query(console, count));
            store.organisation.addSessions(25);
            try (FakeValorApi api = FakeValorApi.builder().organisation(store.organisation).start()) {
                TestIo.Result sync = TestIo.inHome(dir).run(new SyncCommand(), "--db", store.db.toString(),
                        "--base-url", api.baseUrl().toString(), "--token", api.token(), "--quiet");
                assertEquals(0, sync.exitCode(), sync.toString());
            }
            String after = query(console, count);
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); !after.contains(">" + (before + 25) + "<")
                    && System.nanoTime() < deadline; after = query(console, count)) {
                Thread.sleep(200); // the console looks at the store once a second
            }
            assertTrue(after.contains(">" + (before + 25) + "<"), after);
            String tree = tables(console);
            assertTrue(tree.contains("SESSION_DETAILS"), "the table tree after the store was reopened: " + tree);
        }
    }

    /** So does a shell: its helpers, and the connection it hands out, follow the store across syncs. */
    @Test
    void aShellOpenAcrossASyncShowsWhatTheSyncStored() throws Exception {
        Path go = dir.resolve("go");
        Path script = dir.resolve("follow.jsh");
        Files.writeString(script, "show(\"select count(*) as n from sessions\");\n"
                + "while (!java.nio.file.Files.exists(java.nio.file.Path.of(\"" + go + "\"))) Thread.sleep(50);\n"
                + "show(\"select count(*) as n from sessions\");\n");
        Path log = dir.resolve("follow.log");
        Process shell = JavaProcess.start(log, ShellCommand.class, "--db", store.db.toString(), script.toString());
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); !Files.readString(log).contains("(1 row"); Thread.sleep(50)) {
            assertTrue(System.nanoTime() < deadline && shell.isAlive(), Files.readString(log));
        }
        store.organisation.addSessions(25);
        try (FakeValorApi api = FakeValorApi.builder().organisation(store.organisation).start()) {
            assertEquals(0, TestIo.inHome(dir).run(new SyncCommand(), "--db", store.db.toString(),
                    "--base-url", api.baseUrl().toString(), "--token", api.token(), "--quiet").exitCode());
        }
        Files.createFile(go);
        assertTrue(shell.waitFor(60, TimeUnit.SECONDS));
        String output = Files.readString(log);
        assertTrue(output.contains("\n" + TestDb.count(store.db, "SELECT COUNT(*) FROM sessions") + "\n"), output);
    }

    /** A read-only copy (a backup, a file on read-only media) is queryable. */
    @Test
    void aReadOnlyCopyIsQueryable() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy"), PrivateFiles.attributes(PrivateFiles.FOLDER)).resolve("valor.mv.db");
        Files.copy(store.db, copy);
        Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(copy.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
        try {
            TestIo.Result result = TestIo.inHome(dir).run(new SqlCommand(), "--db", copy.toString(), "--csv", "select count(*) as n from sessions");
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals("n\n" + TestDb.count(store.db, "SELECT COUNT(*) FROM sessions") + "\n", result.out());
        } finally {
            Files.setPosixFilePermissions(copy.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static String tables(ConsoleProcess console) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + "/tables.do?jsessionid=" + console.sessionId())).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String query(ConsoleProcess console, String sql) throws Exception {
        String form = "sql=" + URLEncoder.encode(sql, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + "/query.do?jsessionid=" + console.sessionId()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
