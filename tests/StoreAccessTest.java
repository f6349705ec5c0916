package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.store.AnalystConnections;
import valor.store.StoreKey;
import valor.sync.SyncReport;

/**
 * Another user of the same machine, simulated: what they can find (the files, the auto-server's
 * port and key in the .lock.db) gets them nothing, and the analyst's own read-only account cannot
 * lock the sync out or lock itself out.
 */
class StoreAccessTest {
    @TempDir
    Path dir;

    private static void assertOneLine(TestIo.Result result, int exitCode, String command, String expected) {
        assertEquals(exitCode, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), "one line: " + result);
        assertTrue(result.err().startsWith(command + ": "), result.toString());
        assertTrue(result.err().contains(expected), "expected '" + expected + "' in " + result);
        assertFalse(result.err().contains("\tat "), "no stack trace");
    }

    private SyncFixture synced() {
        SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(7, 4, 60));
        fixture.sync();
        return fixture;
    }

    private static Properties lockFile(Path db) throws Exception {
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(db.toString().replace(".mv.db", ".lock.db")))) {
            lock.load(in);
        }
        return lock;
    }

    /** (a) The .lock.db names the auto-server's port and key; with them and no password of the toolkit's, nobody gets in. */
    @Test
    void theAutoServersPortAndKeyAreNotEnoughToGetIn() throws Exception {
        try (SyncFixture fixture = synced();
             AnalystConnections.Session writer = AnalystConnections.open(TestDb.at(fixture.db), true); // this process serves the file
             AnalystConnections.Session open = AnalystConnections.open(TestDb.at(fixture.db), false)) {
            Properties lock = lockFile(fixture.db);
            String url = "jdbc:h2:tcp://" + lock.getProperty("server") + "/" + lock.getProperty("id");
            for (String[] account : List.of(new String[] {"sa", ""}, new String[] {"SA", "sa"}, new String[] {"VALOR_READER", "valor-reader"})) {
                SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, account[0], account[1]).close(),
                        account[0] + " with password '" + account[1] + "' got in");
                assertEquals(ErrorCode.WRONG_USER_OR_PASSWORD, refused.getErrorCode(), refused.getMessage());
            }
            // The one account the toolkit hands out, the reader's, cannot define code to run.
            try (Statement statement = open.connection().createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(
                        "CREATE ALIAS PWNED AS 'String pwned() { return \"x\"; }'"));
                assertEquals(ErrorCode.ADMIN_RIGHTS_REQUIRED, refused.getErrorCode(), refused.getMessage());
            }
        }
    }

    /** A store made before the store key (SA with an empty password, the reader's password public) is upgraded on its next open. */
    @Test
    void anOlderStoresOpenAccountsAreClosedOnItsNextOpen() throws Exception {
        try (SyncFixture fixture = synced()) {
            String url = TestDb.at(fixture.db).jdbcUrl();
            try (Connection admin = valor.store.Database.connect(TestDb.at(fixture.db)); Statement statement = admin.createStatement()) {
                statement.execute("ALTER USER SA SET PASSWORD ''");
                statement.execute("ALTER USER VALOR_READER SET PASSWORD 'valor-reader'");
            }
            DriverManager.getConnection(url, "sa", "").close(); // as older versions left it

            AnalystStoreSql sql = new AnalystStoreSql(fixture.db);
            assertEquals("60", sql.value("select count(*) from sessions"));

            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "sa", "").close());
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "VALOR_READER", "valor-reader").close());
        }
    }

    /** (d) H2 lets every user change its own password; the reader's is set back, and the next query works. */
    @Test
    void aPasswordTheReaderChangesIsSetBack() throws Exception {
        try (SyncFixture fixture = synced()) {
            for (String change : List.of("SET PASSWORD 'mine'", "ALTER USER VALOR_READER SET PASSWORD 'mine'")) {
                try (AnalystConnections.Session reader = AnalystConnections.open(TestDb.at(fixture.db), false);
                     Statement statement = reader.connection().createStatement()) {
                    statement.execute(change);
                }
                assertEquals("60", new AnalystStoreSql(fixture.db).value("select count(*) from sessions"), "after " + change);
            }
        }
    }

    /** (d) A reader that locks rows (SELECT ... FOR UPDATE in an open transaction) on every table it can read does not block a sync. */
    @Test
    void aReadersRowLocksDoNotBlockASync() throws Exception {
        try (SyncFixture fixture = synced();
             // A reader reaches the file through whichever process serves it: here, this one, for a --write session.
             AnalystConnections.Session writer = AnalystConnections.open(TestDb.at(fixture.db), true);
             AnalystConnections.Session reader = AnalystConnections.open(TestDb.at(fixture.db), false)) {
            String edited = fixture.organisation().sessions().get(5).sessionId();
            fixture.organisation().updateSession(edited, s -> s.withDuration(4321.0));
            Connection connection = reader.connection();
            connection.setAutoCommit(false);
            List<String> tables = TestDb.rows(fixture.db, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'").stream().map(row -> (String) row.get("table_name")).toList();
            try (Statement statement = connection.createStatement()) {
                for (String table : tables) statement.executeQuery("SELECT * FROM " + table + " FOR UPDATE").close();
                assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM VALOR_PRIVATE.SYNC_LOCK FOR UPDATE"),
                        "the sync lock is out of the reader's reach");
            }

            SyncReport report = fixture.sync();

            assertEquals(4321.0, TestDb.value(fixture.db, Double.class, "SELECT duration_s FROM sessions WHERE session_id = ?", edited));
            assertTrue(report.warnings().stream().anyMatch(w -> w.contains("read-only session")), report.warnings().toString());
        }
    }

    /** (e) A first sync into the default location leaves the data folder 0700, the store 0600, and the key 0600 in a 0700 folder. */
    @Test
    void aFreshSyncIntoTheDefaultLocationIsPrivate() throws Exception {
        Path key = dir.resolve("config/valor/store.key");
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(7, 2, 10))) {
            TestIo.Result result = TestIo.inHome(dir).env(StoreKey.ENV, key.toString()).run(new SyncCommand(),
                    "--base-url", fixture.api.baseUrl().toString(), "--token", fixture.api.token(), "--quiet");
            assertEquals(0, result.exitCode(), result.toString());
        }
        Path store = dir.resolve("data/valor/valor.mv.db");
        assertEquals("rwx------", mode(store.getParent()));
        assertEquals("rw-------", mode(store));
        assertEquals("rwx------", mode(key.getParent()));
        assertEquals("rw-------", mode(key));
    }

    /** The toolkit's own data folder, as older versions made it (umask permissions), is made private in place. */
    @Test
    void anOlderDataFolderIsMadePrivate() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("data/valor"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (SyncFixture fixture = SyncFixture.start(folder, FakeOrganisation.generate(7, 2, 10))) {
            fixture.sync();
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(folder.resolve("valor.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        TestIo.Result result = TestIo.inHome(dir).run(new SqlCommand(), "select count(*) from sessions");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.err().contains("made " + folder + " private"), result.err());
        assertEquals("rwx------", mode(folder));
        assertEquals("rw-------", mode(folder.resolve("valor.mv.db")));
    }

    /** A store the user put where others can read it is refused with the chmod that fixes it, unless they say they mean it. */
    @Test
    void aStoreOpenToOthersIsRefusedWithTheChmodThatFixesIt() throws Exception {
        Path shared = dir.resolve("shared");
        Files.createDirectories(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path db = shared.resolve("club.mv.db");
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(7, 2, 10))) {
            String[] sync = {"--db", db.toString(), "--base-url", fixture.api.baseUrl().toString(), "--token", fixture.api.token(), "--quiet"};
            assertOneLine(TestIo.inHome(dir).run(new SyncCommand(), sync), 2, "valor-sync", "fix it with: chmod 700 " + shared);
            assertFalse(Files.exists(db), "nothing created");

            TestIo.Result allowed = TestIo.inHome(dir).run(new SyncCommand(), append(sync, "--allow-open-permissions"));
            assertEquals(0, allowed.exitCode(), allowed.toString());
        }
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        assertOneLine(TestIo.inHome(dir).run(new SqlCommand(), "--db", db.toString(), "select 1"), 2, "valor-sql", "fix it with: chmod 600 " + db);
        TestIo.Result allowed = TestIo.inHome(dir).run(new SqlCommand(), "--db", db.toString(), "--allow-open-permissions", "select count(*) from sessions");
        assertEquals(0, allowed.exitCode(), allowed.toString());
    }

    /** (f) --db takes a local file or memory with allowed settings only: INIT (code on open) and remote URLs are refused, and nothing runs. */
    @Test
    void jdbcUrlsThatRunCodeOrReachAnotherHostAreRefused() throws Exception {
        Path marker = dir.resolve("init-ran");
        Path script = dir.resolve("init.sql");
        Files.writeString(script, "CALL FILE_WRITE('ran', '" + marker + "');\n");
        for (String[] command : List.<String[]>of(new String[] {"valor-sql", "select 1"}, new String[] {"valor-sync", "--token", "t"})) {
            for (String url : List.of("jdbc:h2:mem:x;INIT=RUNSCRIPT FROM '" + script + "'",
                    "jdbc:h2:" + dir.resolve("x") + ";INIT=RUNSCRIPT FROM '" + script + "'",
                    "jdbc:h2:tcp://127.0.0.1:9/x", "jdbc:h2:ssl://127.0.0.1:9/x", "jdbc:h2:zip:" + dir.resolve("x.zip") + "!/x",
                    "jdbc:h2:" + dir.resolve("x") + ";FROBNICATE=1")) {
                TestIo.Result result = TestIo.inHome(dir).run(command[0].equals("valor-sql") ? new SqlCommand() : new SyncCommand(),
                        "--db", url, command[1], command.length > 2 ? command[2] : "--quiet");
                assertEquals(2, result.exitCode(), url + ": " + result);
                assertEquals(1, result.err().lines().count(), url + ": " + result);
                assertTrue(result.err().contains("--db"), result.toString());
                assertFalse(Files.exists(marker), "the INIT script ran for " + url);
            }
        }
    }

    /** Settings on the allow-list still work in a URL. */
    @Test
    void aFileUrlWithAllowedSettingsWorks() {
        try (SyncFixture fixture = synced()) {
            String url = "jdbc:h2:file:" + fixture.db.toString().replace(".mv.db", "") + ";LOCK_TIMEOUT=5000;IFEXISTS=TRUE";
            TestIo.Result result = TestIo.inHome(dir).run(new SqlCommand(), "--db", url, "--csv", "select count(*) from sessions");
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.out().contains("60"), result.out());
        }
    }

    /** (g) A sync killed after rebuilding a deferred primary key but before forgetting it (as older versions saved it) completes next time. */
    @Test
    void aSyncKilledBetweenRebuildingAndForgettingAnIndexCompletes() throws Exception {
        try (SyncFixture fixture = synced()) {
            String key = TestDb.value(fixture.db, String.class, "SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                    + " WHERE TABLE_NAME = 'SESSIONS' AND CONSTRAINT_TYPE = 'PRIMARY KEY'");
            String index = TestDb.value(fixture.db, String.class, "SELECT MIN(INDEX_NAME) FROM INFORMATION_SCHEMA.INDEXES"
                    + " WHERE TABLE_NAME = 'SESSIONS' AND INDEX_TYPE_NAME = 'INDEX'");
            TestDb.execute(fixture.db, "INSERT INTO sync_deferred_indexes (table_name, index_name, rebuild) VALUES ('sessions', ?, ?)",
                    key, "ALTER TABLE sessions ADD CONSTRAINT \"" + key + "\" PRIMARY KEY (\"SESSION_ID\")");
            TestDb.execute(fixture.db, "INSERT INTO sync_deferred_indexes (table_name, index_name, rebuild) VALUES ('sessions', ?, ?)",
                    index, "CREATE INDEX \"" + index + "\" ON sessions (\"RECORDED_AT\")");

            fixture.sync();

            assertEquals(0, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sync_deferred_indexes"));
        }
    }

    /** A duplicate id found while the key was dropped gets one line naming it. */
    @Test
    void aDuplicateIdFoundWhileRebuildingTheKeyIsNamed() throws Exception {
        try (SyncFixture fixture = synced()) {
            String key = TestDb.value(fixture.db, String.class, "SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                    + " WHERE TABLE_NAME = 'SESSIONS' AND CONSTRAINT_TYPE = 'PRIMARY KEY'");
            String id = fixture.organisation().sessions().get(0).sessionId();
            TestDb.execute(fixture.db, "INSERT INTO sync_deferred_indexes (table_name, index_name, rebuild) VALUES ('sessions', ?, ?)",
                    key, "ALTER TABLE sessions ADD CONSTRAINT IF NOT EXISTS \"" + key + "\" PRIMARY KEY (\"SESSION_ID\")");
            TestDb.execute(fixture.db, "ALTER TABLE sessions DROP CONSTRAINT \"" + key + "\"");
            TestDb.execute(fixture.db, "INSERT INTO sessions SELECT * FROM sessions WHERE session_id = ?", id);

            TestIo.Result result = TestIo.inHome(dir).run(new SyncCommand(), "--db", fixture.db.toString(),
                    "--base-url", fixture.api.baseUrl().toString(), "--token", fixture.api.token(), "--quiet");

            assertOneLine(result, 1, "valor-sync", "session_id '" + id + "' is stored 2 times");
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** valor-sql on one store, in-process, as the analyst runs it. */
    private record AnalystStoreSql(Path db) {
        String value(String sql) {
            TestIo.Result result = TestIo.capture().run(new SqlCommand(), "--db", db.toString(), "--tsv", sql);
            assertEquals(0, result.exitCode(), result.toString());
            return result.out().strip().lines().reduce((header, value) -> value).orElse("");
        }
    }
}
