package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;
import valor.store.PostgresStore;
import valor.sync.SyncReport;

/**
 * A team store on PostgreSQL as its users meet it: every bad connection is one line with the
 * documented exit code and never shows a password; logins come the PostgreSQL way (PGUSER and
 * PGPASSWORD, ~/.pgpass, --db-user and --db-password-file) and a password file others can read is
 * not used; readers see committed states while a sync runs, a second sync is refused, readers
 * cannot write; and the roles docs/team-store.md tells admins to create do what it says.
 */
class TeamStoreAccessTest {
    /**
     * What docs/team-store.md's "Roles" tells an admin to run (as a superuser, in psql), read
     * from the page itself, the names and passwords aside: a writer role that owns the store's
     * database (so, on PostgreSQL 15 and later, its public schema), and a read-only role for
     * analysts that can read every table and view the writer makes, now and later. The part before
     * "\c valor" runs on the server, the rest in the new database.
     */
    static final List<String> DOCUMENTED_ROLES = documentedRoles();
    static final String ROLES_ON_THE_SERVER = DOCUMENTED_ROLES.get(0);
    static final String GRANTS_IN_THE_DATABASE = DOCUMENTED_ROLES.get(1);

    private static List<String> documentedRoles() {
        try {
            String page = Files.readString(CatalogAliasTest.ROOT.resolve("docs/team-store.md"));
            int roles = page.indexOf("## Roles");
            int start = page.indexOf("```sql\n", roles) + "```sql\n".length();
            String sql = page.substring(start, page.indexOf("```", start));
            int database = sql.indexOf("-- then connected to the database valor");
            return List.of(sql.substring(0, database), sql.substring(sql.indexOf('\n', database) + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final AtomicInteger TEAMS = new AtomicInteger();

    @TempDir
    static Path shared;
    static PostgresServer server;
    static TestStore store;
    static FakeOrganisation organisation;

    @TempDir
    Path home;

    @BeforeAll
    static void syncATeamStore() {
        server = PostgresServer.shared();
        store = TestStore.of("postgres", shared);
        try (SyncFixture fixture = SyncFixture.start(store, FakeOrganisation.generate(12, 4, 60))) {
            organisation = fixture.organisation();
            assertEquals("ok", fixture.sync().status());
        }
    }

    // --- bad input: one line, the documented exit code, no password anywhere ---

    @Test
    void aServerThatIsNotThereIsOneLineAndExitOne() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/valor";
        assertOneLine(asAdmin().run(new SqlCommand(), "--db", url, "select 1"), "valor-sql", 1,
                "cannot reach PostgreSQL at 127.0.0.1:" + closed);
        assertOneLine(asAdmin().env("VALOR_TOKEN", "t").run(new SyncCommand(), "--db", url, "--base-url", "http://127.0.0.1:9/x", "--quiet"),
                "valor-sync", 1, "cannot reach PostgreSQL at 127.0.0.1:" + closed);
    }

    @Test
    void aWrongOrMissingPasswordExitsThree() {
        String wrong = "not-" + server.adminPassword();
        TestIo.Result refused = TestIo.inHome(home).env("PGUSER", server.adminUser()).env("PGPASSWORD", wrong)
                .run(new SqlCommand(), "--db", store.dbArg(), "select 1");
        assertOneLine(refused, "valor-sql", 3, "refused the password of role postgres", wrong);

        TestIo.Result none = TestIo.inHome(home).env("PGUSER", server.adminUser()).run(new SqlCommand(), "--db", store.dbArg(), "select 1");
        assertOneLine(none, "valor-sql", 3, "asks a password for role postgres and none was given");
    }

    @Test
    void aDatabaseThatIsNotThereOrHoldsNoStoreIsAUsageError() {
        assertOneLine(asAdmin().run(new SqlCommand(), "--db", server.url("no_such_store"), "select 1"), "valor-sql", 2,
                "there is no database no_such_store on 127.0.0.1:" + server.port());

        String empty = server.freshDatabase("team_empty");
        assertOneLine(asAdmin().run(new SqlCommand(), "--db", empty, "select count(*) from sessions"), "valor-sql", 2,
                "has no Valor store; run valor-sync --db " + empty);
        assertOneLine(asAdmin().run(new SqlCommand(), "--db", empty, "--tables"), "valor-sql", 2, "has no Valor store");
    }

    @Test
    void credentialsAndDangerousSettingsInTheUrlAreRefusedBeforeConnecting() {
        String hostPort = "127.0.0.1:" + server.port();
        String given = "Url-Secret-" + System.nanoTime();
        for (String url : List.of("jdbc:postgresql://someone:" + given + "@" + hostPort + "/valor",
                "jdbc:postgresql://" + hostPort + "/valor?password=" + given,
                "jdbc:postgresql://" + hostPort + "/valor?user=postgres&password=" + given)) {
            assertOneLine(asAdmin().run(new SqlCommand(), "--db", url, "select 1"), "valor-sql", 2, "must not carry credentials", given);
            assertOneLine(TestIo.inHome(home).env("VALOR_DB", url).run(new SqlCommand(), "select 1"), "valor-sql", 2,
                    "VALOR_DB must not carry credentials", given);
            assertOneLine(asAdmin().env("VALOR_TOKEN", "t").run(new SyncCommand(), "--db", url, "--quiet"), "valor-sync", 2,
                    "must not carry credentials", given);
        }
        for (String setting : List.of("socketFactory=org.example.Evil", "sslfactory=org.example.Evil",
                "authenticationPluginClassName=org.example.Evil", "loggerFile=/tmp/x")) {
            String name = setting.substring(0, setting.indexOf('='));
            assertOneLine(asAdmin().run(new SqlCommand(), "--db", store.dbArg() + "?" + setting, "select 1"), "valor-sql", 2,
                    "the setting " + name + " is not allowed in the URL");
        }
        assertOneLine(asAdmin().run(new SqlCommand(), "--db", "jdbc:postgresql:valor", "select 1"), "valor-sql", 2,
                "must look like jdbc:postgresql://HOST[:PORT]/DATABASE");
    }

    // --- logins the PostgreSQL way ---

    @Test
    void pgUserAndPgPasswordLogIn() {
        TestIo.Result read = asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "select count(*) as n from sessions");
        assertEquals("n\n" + organisation.sessions().size() + "\n", read.out(), read.toString());
        assertNoPassword(read, server.adminPassword());
    }

    @Test
    void aPrivatePgpassLogsInAndOneOthersCanReadIsIgnoredWithTheReason() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "# host:port:database:user:password\n127.0.0.1:" + server.port() + ":*:"
                + server.adminUser() + ":" + server.adminPassword() + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        TestIo.Result read = TestIo.inHome(home).env("PGUSER", server.adminUser())
                .run(new SqlCommand(), "--db", store.dbArg(), "select count(*) as n from sessions");
        assertEquals("n\n" + organisation.sessions().size() + "\n", read.out(), read.toString());
        assertNoPassword(read, server.adminPassword());

        TestIo.Result other = TestIo.inHome(home).env("PGUSER", "someone_else")
                .run(new SqlCommand(), "--db", store.dbArg(), "select 1");
        assertOneLine(other, "valor-sql", 3, "asks a password for role someone_else and none was given");

        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r-----"));
        TestIo.Result ignored = TestIo.inHome(home).env("PGUSER", server.adminUser())
                .run(new SqlCommand(), "--db", store.dbArg(), "select 1");
        assertOneLine(ignored, "valor-sql", 3, "none was given");
        assertTrue(ignored.err().contains("ignoring " + pgpass + ": others can read it (chmod 600 " + pgpass + ")"), ignored.toString());

        Path elsewhere = home.resolve("team.pgpass");
        Files.move(pgpass, elsewhere);
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        TestIo.Result viaEnv = TestIo.inHome(home).env("PGUSER", server.adminUser()).env("PGPASSFILE", elsewhere.toString())
                .run(new SqlCommand(), "--db", store.dbArg(), "select count(*) as n from sessions");
        assertEquals(0, viaEnv.exitCode(), viaEnv.toString());
        assertNoPassword(viaEnv, server.adminPassword());
    }

    /**
     * The driver reads PGPASSFILE (or ~/.pgpass) by itself whenever it is given no password, and
     * does not ask who else can read the file: one the toolkit passed over must not log in anyway.
     * In its own JVM, since the driver reads the real environment.
     */
    @Test
    void aPasswordFileOthersCanReadDoesNotLogInThroughTheDriverEither() throws Exception {
        Path pgpass = Files.writeString(home.resolve("team.pgpass"), "127.0.0.1:" + server.port() + ":*:" + server.adminUser() + ":"
                + server.adminPassword() + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        ProcessBuilder sql = JavaProcess.of(SqlCommand.class, "--db", store.dbArg(), "select count(*) as n from sessions");
        sql.environment().keySet().removeAll(List.of("PGPASSWORD", "PGPASSFILE"));
        sql.environment().putAll(Map.of("HOME", home.toString(), "PGUSER", server.adminUser(), "PGPASSFILE", pgpass.toString()));
        Process process = sql.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));

        assertEquals(3, process.exitValue(), "the store let the driver's password in: " + out + err);
        assertTrue(err.contains("asks a password for role " + server.adminUser() + " and none was given"), err);
        assertTrue(err.contains("ignoring " + pgpass + ": others can read it"), err);
        assertFalse((out + err).contains(server.adminPassword()));
    }

    /**
     * A server on another machine that declines TLS and asks for the password in clear (the
     * driver's default, sslmode=prefer, would go on without TLS and send it): the toolkit asks for
     * TLS with the certificate verified, so the connection stops before the server learns even the
     * role's name. A server whose certificate cannot be verified is refused the same way; a URL that
     * sets sslmode itself keeps its choice.
     */
    @Test
    void aServerElsewhereGetsThePasswordOnlyOverVerifiedTls() throws Exception {
        Elsewhere elsewhere = Elsewhere.find();
        String secret = "Sent-Only-Over-TLS-42";
        try (PlaintextPostgres thief = PlaintextPostgres.on(elsewhere.address(), false)) {
            String url = "jdbc:postgresql://" + elsewhere.host() + ":" + thief.port() + "/valor";
            TestIo.Result refused = TestIo.inHome(home).env("PGUSER", "analyst").env("PGPASSWORD", secret)
                    .run(new SqlCommand(), "--db", url, "select 1");
            assertEquals(List.of("SSLRequest"), thief.received, "only the request for TLS reached the server");
            assertOneLine(refused, "valor-sql", 1, "does not offer TLS", secret);

            TestIo.Result explicit = TestIo.inHome(home).env("PGUSER", "analyst").env("PGPASSWORD", secret)
                    .run(new SqlCommand(), "--db", url + "?sslmode=disable", "select 1");
            assertTrue(explicit.exitCode() != 0, explicit.toString());
            assertTrue(thief.received.contains("password " + secret), "sslmode=disable in the URL is the user's choice: " + thief.received);
        }
        try (PlaintextPostgres unverifiable = PlaintextPostgres.on(elsewhere.address(), true)) {
            Path noCa = home.resolve("no-such-ca.crt");
            String url = "jdbc:postgresql://" + elsewhere.host() + ":" + unverifiable.port() + "/valor?sslrootcert=" + noCa;
            TestIo.Result refused = TestIo.inHome(home).env("PGUSER", "analyst").env("PGPASSWORD", secret)
                    .run(new SqlCommand(), "--db", url, "select 1");
            assertEquals(List.of("SSLRequest"), unverifiable.received);
            assertOneLine(refused, "valor-sql", 1, "cannot verify the certificate of PostgreSQL at postgresql://" + elsewhere.host(), secret);
            assertTrue(refused.err().contains(noCa.toString()) && refused.err().contains("~/.postgresql/root.crt"), refused.toString());
        }
    }

    /** How a client elsewhere names this machine: an address of it that is not loopback, else its own name. */
    private record Elsewhere(String host, InetAddress address) {
        static Elsewhere find() throws IOException {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) continue;
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) return new Elsewhere(address.getHostAddress(), address);
                }
            }
            InetAddress named = InetAddress.getLocalHost(); // the name is not loopback as written, wherever it points
            return new Elsewhere(named.getHostName(), named);
        }
    }

    @Test
    void dbUserAndAPrivatePasswordFileLogInAndAFileOthersCanReadIsRefused() throws Exception {
        Path file = server.passwordFile(home);
        TestIo.Result read = TestIo.inHome(home).run(new SqlCommand(), "--db", store.dbArg(), "--db-user", server.adminUser(),
                "--db-password-file", file.toString(), "select count(*) as n from sessions");
        assertEquals("n\n" + organisation.sessions().size() + "\n", read.out(), read.toString());
        assertNoPassword(read, server.adminPassword());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        TestIo.Result refused = TestIo.inHome(home).run(new SqlCommand(), "--db", store.dbArg(), "--db-user", server.adminUser(),
                "--db-password-file", file.toString(), "select 1");
        assertOneLine(refused, "valor-sql", 2, "--db-password-file " + file + " must be readable by its owner only (chmod 600");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        TestIo.Result overPgPassword = TestIo.inHome(home).env("PGPASSWORD", "not-it").run(new SqlCommand(), "--db", store.dbArg(),
                "--db-user", server.adminUser(), "--db-password-file", file.toString(), "select 1");
        assertEquals(0, overPgPassword.exitCode(), "the flag comes before PGPASSWORD: " + overPgPassword);
    }

    // --- valor-sql's schema features read as on H2 ---

    @Test
    void describeTablesAndErrorHintsReadAsOnH2() throws Exception {
        TestIo.Result described = asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "--format", "table", "--describe", "SESSIONS");
        assertEquals(0, described.exitCode(), described.toString());
        assertTrue(described.out().startsWith("sessions (table): One row per recorded session"), described.out());

        // Every view's columns, types and meanings as the same sync gives them on H2.
        Path h2 = home.resolve("same.mv.db");
        try (SyncFixture fixture = SyncFixture.start(TestStore.of("h2", home, "same"), organisation)) {
            assertEquals("ok", fixture.sync().status());
        }
        List<String> views = TestDb.rows(h2, "SELECT LOWER(TABLE_NAME) AS name FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'VIEW' ORDER BY 1").stream().map(r -> (String) r.get("name")).toList();
        assertTrue(views.size() >= 7, views.toString());
        List<String> differ = new ArrayList<>();
        for (String view : views) {
            List<String> onH2 = TestIo.inHome(home).run(new SqlCommand(), "--db", h2.toString(), "--csv", "--describe", view).out().lines().toList();
            TestIo.Result onPostgres = asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "--csv", "--describe", view);
            assertEquals(0, onPostgres.exitCode(), onPostgres.toString());
            List<String> lines = onPostgres.out().lines().toList();
            assertEquals(onH2.size(), lines.size(), view);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).equals(onH2.get(i))) differ.add(view + ": " + onH2.get(i) + " | " + lines.get(i));
            }
        }
        assertEquals(List.of(), differ);
        String tables = asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "--csv", "--tables").out();
        assertTrue(tables.contains("\nsessions,table," + organisation.sessions().size() + ",\"session_id character varying, recorded_at timestamp,"),
                tables);
        assertTrue(tables.contains("\nathlete_summary,view,,\"athlete_id character varying, athlete_name character varying,"), tables);

        assertOneLine(asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "--describe", "athlete_sumary"), "valor-sql", 2,
                "no table or view named athlete_sumary; did you mean athlete_summary? (valor-sql --tables lists them all)");
        TestIo.Result table = asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "select * from sesions");
        assertEquals(List.of("valor-sql: no table or view named sesions; did you mean sessions? (valor-sql --tables lists them all)",
                "  select * from sesions", "                ^^^^^^^"), table.err().lines().toList());
        // the parameter goes to the server as $1, one character more than the :who it came from
        TestIo.Result syntax = asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "-p", "who=x", "select :who as who\n  , count(*) from from sessions");
        assertEquals(List.of("valor-sql: syntax error at line 2, column 19: unexpected \"from\"", "    , count(*) from from sessions",
                "                    ^^^^"), syntax.err().lines().toList());
        TestIo.Result column = asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "select session_idd from sessions");
        assertEquals(List.of("valor-sql: no column session_idd in sessions (line 1, column 8); did you mean session_id?",
                "  select session_idd from sessions", "         ^^^^^^^^^^^"), column.err().lines().toList());
    }

    // --- readers, writers and syncs at the same time ---

    @Test
    void readersCannotChangeTheStoreButWriteCan() {
        long sessions = store.count("SELECT COUNT(*) FROM sessions");
        for (String change : List.of("DELETE FROM sessions", "INSERT INTO sessions (session_id) VALUES ('x')",
                "CREATE TABLE mine (id INT)", "UPDATE athletes SET first_name = 'x'",
                // a reader's transactions are read-only whatever session settings it changes first
                "SET default_transaction_read_only = off; DELETE FROM sessions",
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM sessions",
                "SELECT set_config('default_transaction_read_only', 'off', false); DELETE FROM sessions")) {
            TestIo.Result refused = asAdmin().run(new SqlCommand(), "--db", store.dbArg(), change);
            assertOneLine(refused, "valor-sql", 1, "the store is open read-only and this statement would change it; add --write");
        }
        assertEquals(sessions, store.count("SELECT COUNT(*) FROM sessions"), "nothing changed");
        assertEquals(0, store.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'mine'"));

        assertEquals(0, asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "--write", "CREATE TABLE analyst_notes (id INT)").exitCode());
        TestIo.Result added = asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "--write", "INSERT INTO analyst_notes VALUES (1), (2)");
        assertEquals(0, added.exitCode(), added.toString());
        assertOneLine(asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "DELETE FROM analyst_notes"), "valor-sql", 1, "read-only");
        assertEquals(2, store.count("SELECT COUNT(*) FROM analyst_notes"));
        assertEquals(0, asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "--write", "DELETE FROM analyst_notes").exitCode());
        assertEquals(0, store.count("SELECT COUNT(*) FROM analyst_notes"));
        assertEquals(0, asAdmin().run(new SqlCommand(), "--db", store.dbArg(), "--write", "DROP TABLE analyst_notes").exitCode());
    }

    /**
     * A sync with a slow API pages for seconds; meanwhile valor-sql counts sessions again and again:
     * every count succeeds and is a committed state (whole pages of 50, never fewer than the last),
     * and a second valor-sync is refused by the advisory lock until the first ends.
     */
    @Test
    void readersSeeCommittedStatesDuringASyncAndASecondSyncIsRefused() throws Exception {
        final int total = 600;
        TestStore live = TestStore.of("postgres", home);
        FakeValorApi.Builder slow = FakeValorApi.builder().organisation(FakeOrganisation.generate(31, 6, total)).latencyMs(40);
        try (SyncFixture fixture = SyncFixture.start(live, slow)) {
            // One pass (SyncFixture's options), so every committed page holds 50 sessions (an athlete's last may hold fewer).
            CompletableFuture<SyncReport> sync = CompletableFuture.supplyAsync(fixture::sync);
            live.awaitCount("SELECT COUNT(*) FROM sync_runs", 1, java.time.Duration.ofSeconds(60));

            List<Long> counts = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            boolean secondTried = false;
            while (!sync.isDone()) {
                TestIo.Result read = TestIo.inHome(home).env("PGUSER", server.adminUser()).env("PGPASSWORD", server.adminPassword())
                        .run(new SqlCommand(), "--db", live.dbArg(), "select count(*) as n from sessions");
                if (read.exitCode() != 0) {
                    failures.add(read.err());
                    continue;
                }
                long n = Long.parseLong(read.out().lines().skip(1).findFirst().orElseThrow());
                assertTrue(n >= (counts.isEmpty() ? 0 : counts.get(counts.size() - 1)) && n <= total, "counts only grow: " + counts + " then " + n);
                assertEquals(0, n % 50, "a read sees whole committed pages of 50, never part of one: " + n);
                counts.add(n);
                if (!secondTried && n > 0 && !sync.isDone()) {
                    secondTried = true;
                    TestIo.Result second = TestIo.inHome(home).env("PGUSER", server.adminUser()).env("PGPASSWORD", server.adminPassword())
                            .env("VALOR_TOKEN", fixture.api.token())
                            .run(new SyncCommand(), "--db", live.dbArg(), "--base-url", fixture.api.baseUrl().toString(), "--quiet");
                    // the first sync pages for seconds more (40 ms a request), so it still holds the lock
                    assertOneLine(second, "valor-sync", 1, "another valor-sync is already running on " + live.location().display());
                }
            }
            assertEquals("ok", sync.get(120, TimeUnit.SECONDS).status());
            assertTrue(secondTried, "a second sync was tried while the first ran: " + counts);
            assertTrue(failures.isEmpty(), "no read failed while the sync ran: " + failures);
            assertTrue(counts.stream().filter(n -> n > 0 && n < total).count() >= 3, "reads overlapped the paging: " + counts);
            assertEquals(1, live.count("SELECT COUNT(*) FROM sync_runs"), "the refused sync recorded no run");
            assertEquals(total, live.count("SELECT COUNT(*) FROM sessions"));

            // The lock is the advisory lock on the key PostgresStore names: whoever holds it keeps syncs out.
            try (Connection holder = server.admin(live.dbArg()); Statement statement = holder.createStatement()) {
                try (ResultSet locked = statement.executeQuery("SELECT pg_try_advisory_lock(" + syncLockKey() + ")")) {
                    assertTrue(locked.next() && locked.getBoolean(1));
                }
                TestIo.Result held = TestIo.inHome(home).env("PGUSER", server.adminUser()).env("PGPASSWORD", server.adminPassword())
                        .env("VALOR_TOKEN", fixture.api.token())
                        .run(new SyncCommand(), "--db", live.dbArg(), "--base-url", fixture.api.baseUrl().toString(), "--quiet");
                assertOneLine(held, "valor-sync", 1, "another valor-sync is already running");
            }
            TestIo.Result after = TestIo.inHome(home).env("PGUSER", server.adminUser()).env("PGPASSWORD", server.adminPassword())
                    .env("VALOR_TOKEN", fixture.api.token())
                    .run(new SyncCommand(), "--db", live.dbArg(), "--base-url", fixture.api.baseUrl().toString(), "--quiet");
            assertEquals(0, after.exitCode(), "the lock went with the connection that held it: " + after);
        }
    }

    // --- the roles docs/team-store.md tells admins to create ---

    @Test
    void thePagesRolesLetTheSyncWriteAndAnalystsOnlyRead() throws Exception {
        Team team = Team.synced(home);

        TestIo.Result status = team.analyst().run(new SqlCommand(), "--db", team.url(), "--csv", "sync-status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().lines().skip(1).findFirst().orElse("").contains("ok"), status.toString());
        assertNoPassword(status, team.analystPassword(), team.syncPassword());
        TestIo.Result view = team.analyst().run(new SqlCommand(), "--db", team.url(), "select count(*) as n from athlete_summary");
        assertEquals("n\n3\n", view.out(), view.toString());
        TestIo.Result tables = team.analyst().run(new SqlCommand(), "--db", team.url(), "--csv", "--tables");
        assertEquals(0, tables.exitCode(), tables.toString());
        assertTrue(tables.out().contains("\nsessions,table,40,"), tables.out());
        TestIo.Result described = team.analyst().run(new SqlCommand(), "--db", team.url(), "--csv", "--describe", "sessions");
        assertTrue(described.out().contains("\nduration_s,double precision,Length of the recording in seconds\n"), described.toString());

        // --write connects without the reader's read-only transactions; the role still only reads, whatever it sets first
        for (String change : List.of("DELETE FROM sessions", "SET default_transaction_read_only = off; DELETE FROM sessions",
                "SET default_transaction_read_only = off; CREATE TABLE mine (id INT)")) {
            TestIo.Result refused = team.analyst().run(new SqlCommand(), "--db", team.url(), "--write", change);
            assertOneLine(refused, "valor-sql", 1, "refused: PostgreSQL role " + team.analystRole(), team.analystPassword());
        }
        TestIo.Result count = team.analyst().run(new SqlCommand(), "--db", team.url(), "select count(*) as n from sessions");
        assertEquals("n\n40\n", count.out(), "the analyst changed nothing: " + count);
    }

    /**
     * docs/team-store.md's first example, line by line as written, on a database made with the
     * page's roles: the writer syncs the demo organisation (the fake API's, in the environment, as
     * for your organisation), an analyst runs the saved query and Yara Patel's page. Only the
     * server's address in VALOR_DB is this suite's, and a relative --out lands in the test's home.
     */
    @Test
    void theTeamStorePagesCommandsRunAsWritten() throws Exception {
        Team team = Team.created(home);
        String page = Files.readString(CatalogAliasTest.ROOT.resolve("docs/team-store.md"));
        List<String> lines = DocBlocks.of("docs/team-store.md", page).stream().filter(b -> b.firstLine().startsWith("export VALOR_DB="))
                .findFirst().orElseThrow().text().lines().toList();
        String documented = lines.get(0).substring("export VALOR_DB=".length());
        String url = documented.replaceFirst("//[^/]+/valor$", "//127.0.0.1:" + server.port() + "/" + team.url().substring(team.url().lastIndexOf('/') + 1));
        assertFalse(url.equals(documented), "the page's URL names a server and the database valor: " + documented);
        try (valor.fake.DemoOrganisation demo = valor.fake.DemoOrganisation.serve()) {
            for (String line : lines.subList(1, lines.size())) {
                List<String> words = shellWords(line.replaceFirst("\\s+#.*$", ""));
                boolean writer = line.contains("# as the writer role");
                TestIo io = (writer ? TestIo.inHome(home).env("PGUSER", team.syncRole()).env("PGPASSWORD", team.syncPassword()) : team.analyst())
                        .env("VALOR_DB", url).env("VALOR_API_URL", demo.baseUrl()).env("VALOR_TOKEN", demo.token());
                List<String> args = new ArrayList<>(words.subList(1, words.size()));
                int out = args.indexOf("--out");
                if (out >= 0) args.set(out + 1, home.resolve(args.get(out + 1)).toString());
                valor.cli.Command command = switch (words.get(0)) {
                    case "valor-sync" -> new SyncCommand();
                    case "valor-sql" -> new SqlCommand();
                    case "valor-report" -> new ReportCommand();
                    default -> throw new AssertionError("a command this test does not know: " + line);
                };
                TestIo.Result result = io.run(command, args.toArray(String[]::new));
                assertEquals(0, result.exitCode(), line + "\n" + result);
                assertNoPassword(result, team.syncPassword(), team.analystPassword());
            }
        }
        assertTrue(Files.readString(home.resolve("yara.html"), StandardCharsets.UTF_8).contains("Yara Patel"), "her page, from the team store");
    }

    /** A line of the docs split as the shell splits it: words, with double quotes around words that hold spaces. */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : line.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }

    /** Only the two roles may connect to the store's database: another login role is refused in one line, exit 3. */
    @Test
    void anotherRoleCannotConnectToTheTeamsDatabase() {
        Team team = Team.synced(home);
        String otherRole = team.syncRole().replace("sync", "other");
        server.execute("postgres", "CREATE ROLE " + otherRole + " LOGIN PASSWORD 'Other-password-1'");
        TestIo.Result other = TestIo.inHome(home).env("PGUSER", otherRole).env("PGPASSWORD", "Other-password-1")
                .run(new SqlCommand(), "--db", team.url(), "select count(*) from sessions");
        assertOneLine(other, "valor-sql", 3, otherRole, "Other-password-1");
    }

    /** Run by mistake as the analysts' role, valor-sync stops with one line: the role only reads. */
    @Test
    void aSyncAsTheReadOnlyRoleIsOneLine() throws Exception {
        Team team = Team.synced(home);
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(5, 3, 40)).start()) {
            TestIo.Result analystSync = team.analyst().env("VALOR_TOKEN", api.token())
                    .run(new SyncCommand(), "--db", team.url(), "--base-url", api.baseUrl().toString(), "--quiet");
            assertOneLine(analystSync, "valor-sync", 1, team.analystRole(), team.analystPassword());
        }
        assertEquals(1, TestDb.count(team.location(), "SELECT COUNT(*) FROM sync_runs"), "no run recorded");
    }

    /** A store's database and roles made with the page's SQL, synced once by its writer role (3 athletes, 40 sessions) unless just created. */
    private record Team(String url, String syncRole, String syncPassword, String analystRole, String analystPassword, Path home) {
        static Team synced(Path home) {
            Team team = created(home);
            try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(5, 3, 40)).start()) {
                TestIo.Result sync = TestIo.inHome(home).env("PGUSER", team.syncRole()).env("PGPASSWORD", team.syncPassword())
                        .env("VALOR_TOKEN", api.token()).run(new SyncCommand(), "--db", team.url(), "--base-url", api.baseUrl().toString(), "--quiet");
                assertEquals(0, sync.exitCode(), sync.toString());
                assertNoPassword(sync, team.syncPassword());
            }
            return team;
        }

        /** The database and roles, made as the page says, with nothing synced yet. */
        static Team created(Path home) {
            int n = TEAMS.incrementAndGet();
            String database = "valor_team_" + n;
            Team team = new Team(server.url(database), "valor_sync_" + n, "Sync-" + System.nanoTime(),
                    "valor_analyst_" + n, "Analyst-" + System.nanoTime(), home);
            for (String sql : statements(named(ROLES_ON_THE_SERVER, database, team.syncRole(), team.analystRole())
                    .replace("SYNC_PASSWORD", team.syncPassword()).replace("ANALYST_PASSWORD", team.analystPassword()))) {
                server.execute("postgres", sql);
            }
            server.execute(database, named(GRANTS_IN_THE_DATABASE, database, team.syncRole(), team.analystRole()));
            return team;
        }

        TestIo analyst() {
            return TestIo.inHome(home).env("PGUSER", analystRole).env("PGPASSWORD", analystPassword);
        }

        /** As the admin, to check what the commands left. */
        valor.store.DatabaseLocation location() {
            return valor.store.DatabaseLocation.resolve(url, false, valor.store.DatabaseLocation.Use.MUST_EXIST, false,
                    valor.store.PostgresLogin.Flags.NONE, TestIo.capture().env("PGUSER", server.adminUser())
                            .env("PGPASSWORD", server.adminPassword()).io());
        }
    }

    // --- helpers ---

    private TestIo asAdmin() {
        return TestIo.inHome(home).env("PGUSER", server.adminUser()).env("PGPASSWORD", server.adminPassword());
    }

    /** The page's SQL with this test's names: roles are the server's, shared by every database on it. */
    private static String named(String sql, String database, String syncRole, String analystRole) {
        return sql.replace("valor_analyst", analystRole).replace("valor_sync", syncRole).replace(" valor ", " " + database + " ")
                .replace(" valor;", " " + database + ";");
    }

    private static List<String> statements(String sql) {
        return List.of(sql.split(";\\s*\n")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static long syncLockKey() throws ReflectiveOperationException {
        Field key = PostgresStore.class.getDeclaredField("SYNC_LOCK");
        key.setAccessible(true);
        return key.getLong(null);
    }

    /**
     * One line on stderr, starting with the command's name, with this exit code and text; no stack
     * trace, no password. SQL of several statements gets the footer of each that ran before it.
     */
    private static void assertOneLine(TestIo.Result result, String command, int exitCode, String contains, String... secrets) {
        assertEquals(exitCode, result.exitCode(), result.toString());
        List<String> lines = result.err().lines().toList();
        assertTrue(lines.size() == 1 || lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.matches("\\(\\d+ rows? (changed, )?.*ms\\)")),
                "one line: " + result);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        assertTrue(last.startsWith(command + ": "), result.toString());
        assertTrue(last.contains(contains), "expected '" + contains + "' in: " + result);
        assertFalse(result.err().contains("\tat ") || result.err().contains("Exception"), "no stack trace: " + result);
        assertNoPassword(result, secrets);
    }

    private static void assertNoPassword(TestIo.Result result, String... secrets) {
        List<String> all = new ArrayList<>(List.of(secrets));
        all.add(server.adminPassword());
        for (String secret : all) {
            assertFalse(result.out().contains(secret) || result.err().contains(secret), "a password in the output: " + result);
        }
    }
}
