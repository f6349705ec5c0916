package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.console.OneSessionWebServer;

/**
 * valor-console against another user of this machine who finds its port (ss -ltn) but never saw
 * the printed address: plain HTTP, as their script would go at it. Stock H2 hands such a caller a
 * session of their own, logs them in to any database they name and runs their CREATE ALIAS inside
 * the analyst's process. Here every page that could log in, test a connection, run a tool or
 * change a setting is refused, nothing connects to their database, no code of theirs runs, and
 * the printed address keeps working.
 */
class ConsoleAccessTest {
    private static final Pattern SESSION_ID = Pattern.compile("jsessionid=([0-9a-fA-F]+)");

    @TempDir
    static Path shared;
    static AnalystStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncAStore() {
        store = AnalystStore.synced(shared, 17, 3, 40);
    }

    @Test
    void withoutThePrintedKeyNothingLogsInConnectsOrRuns() throws Exception {
        AttackerDatabase theirs = AttackerDatabase.create(dir);
        Path ranTheirCode = dir.resolve("ran-their-code");
        Path script = Files.writeString(dir.resolve("their.sql"), "CALL 1;\n");
        String storeUrl = "jdbc:h2:file:" + store.db.toString().replaceFirst("\\.mv\\.db$", "");
        byte[] guess = new byte[16]; // the size of H2's session ids
        new Random().nextBytes(guess);
        String guessed = HexFormat.of().formatHex(guess);

        Map<String, Reply> answers = new LinkedHashMap<>();
        try (ConsoleProcess console = ConsoleProcess.start(dir, "--db", store.db.toString(), "--no-browser")) {
            Http http = new Http(console.port());

            // Stock H2 answers the root with a fresh session id for whoever asks; failing that, they guess one.
            Reply root = http.get("/");
            answers.put("GET /", root);
            Matcher given = SESSION_ID.matcher(root.body());
            String session = given.find() ? given.group(1) : guessed;

            String theirLogin = form("driver", "org.h2.Driver", "url", theirs.url, "user", AttackerDatabase.USER,
                    "password", AttackerDatabase.PASSWORD);
            for (String id : new LinkedHashSet<>(List.of("?jsessionid=" + session, "?jsessionid=" + guessed, ""))) {
                answers.put("login page " + id, http.get("/login.jsp" + id));
                answers.put("test.do " + id, http.post("/test.do" + id, theirLogin));
                answers.put("login.do " + id, http.post("/login.do" + id, theirLogin));
            }
            String as = "?jsessionid=" + session;
            answers.put("their CREATE ALIAS", http.post("/query.do" + as, form("sql", "CREATE ALIAS MARK AS 'String mark(String p)"
                    + " throws java.io.IOException { return java.nio.file.Files.createFile(java.nio.file.Path.of(p)).toString(); }'")));
            answers.put("their CALL", http.post("/query.do" + as, form("sql", "CALL MARK('" + ranTheirCode + "')")));
            answers.put("login.do to jdbc:h2:mem:attack", http.post("/login.do" + as,
                    form("driver", "org.h2.Driver", "url", "jdbc:h2:mem:attack", "user", "sa", "password", "")));
            answers.put("login.do to the store as sa", http.post("/login.do" + as,
                    form("driver", "org.h2.Driver", "url", storeUrl, "user", "sa", "password", "")));
            answers.put("CREATE ALIAS in the store", http.post("/query.do" + as, form("sql", "CREATE ALIAS MARK FOR 'java.lang.Math.abs'")));
            answers.put("tools.do RunScript", http.post("/tools.do" + as, form("tool", "RunScript", "args",
                    "-url," + theirs.url + ",-user," + AttackerDatabase.USER + ",-password," + AttackerDatabase.PASSWORD + ",-script," + script)));
            answers.put("tools page", http.get("/tools.jsp" + as));
            answers.put("admin page", http.get("/admin.do" + as));
            answers.put("adminSave.do", http.post("/adminSave.do" + as, form("port", "8082", "allowOthers", "true", "ssl", "false")));
            answers.put("settingSave.do", http.post("/settingSave.do" + as, form("name", "theirs", "driver", "org.h2.Driver",
                    "url", theirs.url, "user", AttackerDatabase.USER)));
            answers.put("adminShutdown.do", http.post("/adminShutdown.do" + as, ""));

            // The analyst's address still works, over plain HTTP as in the browser, after all that.
            String key = "?jsessionid=" + console.sessionId();
            Reply frame = http.get(URI.create(console.url).getRawPath() + key);
            assertEquals(200, frame.status(), frame.body());
            Reply result = http.post("/query.do" + key, form("sql", "select count(*) as live_sessions from session_details"));
            assertEquals(200, result.status(), result.body());
            assertTrue(result.body().contains("LIVE_SESSIONS") && result.body().contains(">" + store.organisation.sessionCount() + "<"), result.body());
            Reply tables = http.get("/tables.do" + key);
            assertTrue(tables.body().contains("SESSION_DETAILS"), "the table tree: " + tables.body());
        }

        assertNothingOfTheirsRanAndEveryRequestWasRefused(theirs, ranTheirCode, answers, "requests without the printed key are refused");
    }

    /**
     * Another user who has the printed address (it was on a command line, in a shared screen): with
     * the key they get the analyst's session, and that session's pages only. Every page that opens a
     * connection to a database, driver and user of their choosing is refused: login.do and test.do
     * to their own H2 file as its admin (where CREATE ALIAS would run their Java in the analyst's
     * process), to a memory database, to the store as SA, to another driver; the tools, settings,
     * admin and login pages. Their SQL reaches only the store, as the read-only reader.
     */
    @Test
    void withThePrintedKeyNoPageOpensAnotherConnectionOrRunsTheirCode() throws Exception {
        AttackerDatabase theirs = AttackerDatabase.create(dir);
        Path ranTheirCode = dir.resolve("ran-their-code");
        Path script = Files.writeString(dir.resolve("their.sql"), "CALL 1;\n");
        String storeUrl = "jdbc:h2:file:" + store.db.toString().replaceFirst("\\.mv\\.db$", "");
        String alias = "CREATE ALIAS MARK AS 'String mark(String p) throws java.io.IOException {"
                + " return java.nio.file.Files.createFile(java.nio.file.Path.of(p)).toString(); }'";

        Map<String, Reply> answers = new LinkedHashMap<>();
        Reply mine;
        Reply theirAlias;
        Reply tables;
        try (ConsoleProcess console = ConsoleProcess.start(dir, "--db", store.db.toString(), "--no-browser")) {
            Http http = new Http(console.port());
            String key = "?jsessionid=" + console.sessionId();
            Map<String, String> logins = new LinkedHashMap<>();
            logins.put("their H2 file as its admin", form("driver", "org.h2.Driver", "url", theirs.url, "user", AttackerDatabase.USER,
                    "password", AttackerDatabase.PASSWORD));
            logins.put("a memory database as sa", form("driver", "org.h2.Driver", "url", "jdbc:h2:mem:attack", "user", "sa", "password", ""));
            logins.put("the store as SA", form("driver", "org.h2.Driver", "url", storeUrl, "user", "sa", "password", ""));
            logins.put("another driver", form("driver", "org.postgresql.Driver", "url", "jdbc:postgresql://127.0.0.1:9/x", "user", "x",
                    "password", ""));
            logins.put("no driver named", form("driver", "", "url", theirs.url, "user", AttackerDatabase.USER, "password", AttackerDatabase.PASSWORD));
            for (Map.Entry<String, String> login : logins.entrySet()) {
                answers.put("test.do to " + login.getKey(), http.post("/test.do" + key, login.getValue()));
                answers.put("login.do to " + login.getKey(), http.post("/login.do" + key, login.getValue()));
                answers.put("login.do by GET to " + login.getKey(), http.get("/login.do" + key + "&" + login.getValue()));
            }
            // Had a login.do switched the session to their database, this would run their Java here.
            http.post("/query.do" + key, form("sql", alias));
            http.post("/query.do" + key, form("sql", "CALL MARK('" + ranTheirCode + "')"));
            answers.put("tools.do RunScript", http.post("/tools.do" + key, form("tool", "RunScript", "args",
                    "-url," + theirs.url + ",-user," + AttackerDatabase.USER + ",-password," + AttackerDatabase.PASSWORD + ",-script," + script)));
            for (String page : List.of("/", "/index.do", "/login.jsp", "/tools.jsp", "/admin.jsp", "/admin.do", "/adminLogin.do",
                    "/adminStartTranslate.do", "/helpTranslate.jsp", "/notAllowed.jsp", "/error.jsp")) {
                answers.put("GET " + page, http.get(page + key));
            }
            answers.put("adminSave.do", http.post("/adminSave.do" + key, form("port", "8082", "allowOthers", "true", "ssl", "false")));
            answers.put("settingSave.do", http.post("/settingSave.do" + key, form("name", "theirs", "driver", "org.h2.Driver",
                    "url", theirs.url, "user", AttackerDatabase.USER)));
            answers.put("settingRemove.do", http.post("/settingRemove.do" + key, form("name", "Generic H2 (Embedded)")));
            answers.put("adminShutdown.do", http.post("/adminShutdown.do" + key, ""));

            // What the key is for: the store, read-only, as the analyst's session.
            mine = http.post("/query.do" + key, form("sql", "select count(*) as live_sessions from session_details"));
            theirAlias = http.post("/query.do" + key, form("sql", alias));
            tables = http.get("/tables.do" + key);
        }

        assertNothingOfTheirsRanAndEveryRequestWasRefused(theirs, ranTheirCode, answers, "with the key, only the session's own pages are served");
        assertEquals(200, mine.status(), mine.body());
        assertTrue(mine.body().contains(">" + store.organisation.sessionCount() + "<"), mine.body());
        assertTrue(theirAlias.body().contains("Admin rights are required") || theirAlias.body().contains("Not enough rights"),
                "the session's SQL runs as the read-only reader: " + theirAlias.body());
        assertEquals(200, tables.status());
    }

    /** The gate's order: no port before the analyst's session, no session after it. */
    @Test
    void theServerListensOnlyOnceTheAnalystsSessionExistsAndMakesNoOther() throws Exception {
        OneSessionWebServer web = new OneSessionWebServer();
        web.init("-webPort", "0", "-properties", "null");
        assertThrows(IllegalStateException.class, web::start, "listening before the analyst's session exists");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
            web.addSession(connection);
            assertThrows(IllegalStateException.class, () -> web.addSession(connection));
            assertThrows(RuntimeException.class, web::getCommandHistoryList, "H2 asks this while making any other session");
        }
    }

    /** No connection to their database, none of their code run, no alias in the store, and no answer to any of {@code answers}. */
    private static void assertNothingOfTheirsRanAndEveryRequestWasRefused(AttackerDatabase theirs, Path ranTheirCode, Map<String, Reply> answers,
                                                                          String refusals) {
        assertFalse(theirs.wasConnected(), "the console opened a connection to the attacker's database");
        assertFalse(Files.exists(ranTheirCode), "the attacker's Java code ran inside the console");
        assertEquals(0L, TestDb.count(store.db, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_NAME = 'MARK'"),
                "an alias was created in the store");
        List<String> served = new ArrayList<>();
        answers.forEach((request, reply) -> {
            if (!reply.refused()) served.add(request + " -> " + reply.status() + ": " + reply.body().substring(0, Math.min(200, reply.body().length())));
        });
        assertEquals(List.of(), served, refusals);
    }

    private static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (body.length() > 0) body.append('&');
            body.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    /** What the console answered; status 0 when it closed the connection without an answer. */
    private record Reply(int status, String body) {
        boolean refused() {
            return status == 0 || status >= 400;
        }
    }

    private static final class Http {
        private final String base;

        Http(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        Reply get(String path) throws InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        Reply post(String path, String form) throws InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private Reply send(HttpRequest.Builder request) throws InterruptedException {
            // A client per request: H2 closes the connection after every answer, and a client that
            // reused one it had not yet seen closed would take that for a refusal.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try {
                HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.body());
            } catch (IOException closedWithoutAnAnswer) {
                return new Reply(0, closedWithoutAnAnswer.toString());
            }
        }
    }
}
