package valor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.fake.FakeSessionData;
import valor.fake.FakeSessionDataEndpoint;
import valor.fake.FakeValorApi;

/**
 * A store synced, with reports and joint angles, from a fake API whose every name is an attack:
 * markup and script for the HTML pages, escape sequences and bidirectional overrides for the
 * terminal, path-like, 300-character (ASCII and multi-byte), empty and formula names, and names
 * that come out the same once made into file names. Athletes, exercises, assessments, sessions,
 * report metrics and joints all carry them. Synced once per test run; the tests of each surface
 * (HTML, terminal, file names) read it.
 */
final class HostileStore {
    /** Sets window.valorXss if a browser ever runs it as markup. */
    static final String IMG = "<img src=x onerror=\"window.valorXss='img'\">";
    static final String SCRIPT_END = "</script><script>window.valorXss='script'</script>";
    static final String ATTRIBUTE = "\"><svg onload=\"window.valorXss='attribute'\">'><b onmouseover=window.valorXss='single'>";
    static final String COMMENT = "<!--<script>window.valorXss='comment'</script>-->";
    static final String LINE_SEPARATORS = "a\u2028b\u2029c";
    /**
     * The terminal attacks: the title (OSC 0), the clipboard (OSC 52), a hidden link (OSC 8), a cleared screen with a fake
     * prompt, a carriage return, the bell, a right-to-left override, CSI as one C1 byte. Each sits inside its name: the sync
     * trims what a name starts and ends with.
     */
    static final String TITLE = "Ana\u001b]0;pwned\u0007Bo";
    static final String CLIPBOARD = "Lee\u001b]52;c;cm0gLXJmIH4K\u0007Ng";
    static final String HYPERLINK = "see \u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\ here";
    static final String CLEAR = "Kim\u001b[2J\u001b[Hanalyst@lab:~$ Lu";
    static final String CARRIAGE_RETURN = "Noah\rEVIL";
    static final String BELL = "ding\u0007dong";
    static final String RIGHT_TO_LEFT = "gpj\u202eexe.txt";
    static final String C1_CSI = "a\u009b31mred";
    static final String LONG_ASCII = "A".repeat(150) + " " + "B".repeat(149);
    static final String LONG_MULTIBYTE = "王小明".repeat(50) + " " + "Ωμέγα".repeat(30);
    static final String FORMULA = "=cmd|' /C calc'!A0";

    /** Athletes as (first name, last name); several come out as one file name, or as one after the cut at 80 bytes. */
    static final List<String[]> ATHLETES = List.of(
            new String[] {"Zoë", IMG}, new String[] {SCRIPT_END, ATTRIBUTE}, new String[] {COMMENT, LINE_SEPARATORS},
            new String[] {TITLE, CLIPBOARD}, new String[] {HYPERLINK, CLEAR}, new String[] {CARRIAGE_RETURN, BELL + RIGHT_TO_LEFT + C1_CSI},
            new String[] {"../../etc", "/passwd"}, new String[] {"CON", ""}, new String[] {"", ""}, new String[] {FORMULA, "+SUM(1)"},
            new String[] {"Noah", "Cohen"}, new String[] {"noah-", "COHEN"}, new String[] {LONG_ASCII, "x"}, new String[] {LONG_ASCII, "y"},
            new String[] {LONG_MULTIBYTE, "甲"}, new String[] {LONG_MULTIBYTE, "乙"}, new String[] {"index", ""}, new String[] {".hidden", "nu\u0000l"});

    /** What exercises, assessments, sessions, metrics and joints are renamed to, in turn (the twelve metrics take the first twelve). */
    static final List<String> NAMES = List.of(IMG, SCRIPT_END, "__proto__", ATTRIBUTE, COMMENT, "", LINE_SEPARATORS, TITLE, CLIPBOARD,
            HYPERLINK, CLEAR, CARRIAGE_RETURN, BELL, RIGHT_TO_LEFT, C1_CSI, "../../etc/passwd", FORMULA, LONG_ASCII, LONG_MULTIBYTE);

    private static Path db;
    private static Path home;

    private HostileStore() {}

    /** The synced store (an H2 file), made on first use and removed when the tests end. */
    static synchronized Path db() {
        if (db == null) {
            try {
                home = Files.createTempDirectory("valor-hostile-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(home), "hostile-store-cleanup"));
                Path file = home.resolve("valor.mv.db");
                try (FakeValorApi api = start()) {
                    TestIo.Result sync = TestIo.inHome(home).run(new SyncCommand(), "--db", file.toString(), "--base-url",
                            api.baseUrl().toString(), "--token", api.token(), "--with", "reports,ik", "--quiet");
                    if (sync.exitCode() != 0) throw new AssertionError("the hostile organisation did not sync: " + sync);
                }
                db = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return db;
    }

    /** The folder the store is in, to run commands with as HOME. */
    static Path home() {
        db();
        return home;
    }

    /** The fake API serving the hostile organisation. */
    static FakeValorApi start() {
        FakeOrganisation org = FakeOrganisation.generate(2121, ATHLETES.size(), 60);
        List<FakeOrganisation.FakeAthlete> athletes = org.athletes();
        for (int i = 0; i < athletes.size(); i++) {
            String[] name = ATHLETES.get(i);
            org.updateAthlete(athletes.get(i).athleteId(), a -> a.withFirstName(name[0]).withLastName(name[1]));
        }
        Iterator<String> names = cycle();
        for (FakeOrganisation.FakeExercise exercise : org.exercises()) {
            // Every exercise carries markup too, so every athlete's exercise mix offers some to the tooltip.
            org.renameExercise(exercise.exerciseId(), names.next() + " <img src=x onerror=\"window.valorXss='mix'\"> " + exercise.exerciseId().substring(0, 4));
        }
        for (FakeOrganisation.FakeAssessment assessment : org.assessments()) org.renameAssessment(assessment.assessmentId(), names.next());
        List<FakeOrganisation.FakeSession> sessions = org.sessions();
        for (int i = 0; i < sessions.size(); i += 7) org.updateSession(sessions.get(i).sessionId(), s -> s.withSessionName(names.next()));
        Map<String, String> metrics = new LinkedHashMap<>();
        Map<String, String> joints = new LinkedHashMap<>();
        Iterator<String> metricNames = cycle();
        for (String metric : List.of("Knee Flex. (°)", "Hip Flex. (°)", "Hip Abd. (°)", "Ankle DF (°)", "Shoulder Flex. (°)", "Shoulder Abd. (°)",
                "Elbow Flex. (°)", "Trunk Flex. (°)", "Trunk Rot. (°)", "Knee Flex. Vel. (°/s)", "Hip Flex. Vel. (°/s)", "Trunk Rot. Vel. (°/s)")) {
            metrics.put(metric, metricNames.next());
        }
        for (String joint : FakeSessionData.JOINTS) joints.put(joint, metricNames.next() + " " + joint.substring(0, 3));
        return FakeValorApi.builder().organisation(org)
                .endpoint("reportData", rewritingBody(FakeSessionDataEndpoint.reports(org), body -> {
                    for (JsonNode group : body.path("WorkoutMetrics")) renameKeys((ObjectNode) group, key -> metrics.getOrDefault(key, key));
                    return body;
                }))
                .endpoint("ikData", renamingJoints(FakeSessionDataEndpoint.ik(org), joints))
                .start();
    }

    /**
     * IK bodies are large (a megabyte each), so their joints are renamed in the text rather than
     * through a JSON tree: each key, as it appears inside the body's JSON string, is replaced.
     */
    private static FakeValorApi.Endpoint renamingJoints(FakeValorApi.Endpoint endpoint, Map<String, String> joints) {
        return call -> {
            FakeValorApi.Reply reply = endpoint.handle(call);
            if (reply.status() != 200) return reply;
            String text = new String(reply.body(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> joint : joints.entrySet()) {
                for (String suffix : List.of("", "_vel", "_acc")) {
                    text = text.replace(keyInBody(joint.getKey() + suffix), keyInBody(joint.getValue() + suffix));
                }
            }
            return new FakeValorApi.Reply(200, text.getBytes(StandardCharsets.UTF_8), reply.headers());
        };
    }

    /** A key as the body, a JSON string holding JSON, spells it: quoted, then quoted again ({@code \"name\"}). */
    private static String keyInBody(String key) {
        String twice = Json.quote(Json.quote(key));
        return twice.substring(1, twice.length() - 1);
    }

    private static Iterator<String> cycle() {
        return Stream.iterate(0, i -> i + 1).map(i -> NAMES.get(i % NAMES.size())).iterator();
    }

    /** The endpoint's answer with its body (a JSON string in the envelope) changed. */
    private static FakeValorApi.Endpoint rewritingBody(FakeValorApi.Endpoint endpoint, UnaryOperator<JsonNode> change) {
        return call -> {
            FakeValorApi.Reply reply = endpoint.handle(call);
            if (reply.status() != 200) return reply;
            ObjectNode envelope = (ObjectNode) Json.parse(new String(reply.body(), StandardCharsets.UTF_8));
            JsonNode body = envelope.get("body");
            JsonNode changed = change.apply(body.isTextual() ? Json.parse(body.asText()) : body);
            if (body.isTextual()) envelope.put("body", Json.write(changed));
            else envelope.set("body", changed);
            return new FakeValorApi.Reply(200, Json.write(envelope).getBytes(StandardCharsets.UTF_8), reply.headers());
        };
    }

    private static void renameKeys(ObjectNode object, UnaryOperator<String> rename) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        object.properties().forEach(fields::add);
        object.removeAll();
        for (Map.Entry<String, JsonNode> field : fields) object.set(rename.apply(field.getKey()), field.getValue());
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort, at exit
        }
    }
}
