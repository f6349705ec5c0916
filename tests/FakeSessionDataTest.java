package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import valor.fake.FakeOrganisation;
import valor.fake.FakeOrganisation.FakeSession;
import valor.fake.FakeSessionData;
import valor.fake.FakeShape;
import valor.fake.FakeValorApi;

/** The fake API's /reportData and /ikData: realistic, stable per session, and faultable per endpoint. */
class FakeSessionDataTest {
    static final Instant END = Instant.parse("2026-03-01T00:00:00Z");

    private final List<FakeValorApi> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(FakeValorApi::close);
    }

    private FakeValorApi start(FakeValorApi.Builder builder) {
        FakeValorApi api = builder.start();
        started.add(api);
        return api;
    }

    private FakeValorApi start() {
        return start(FakeValorApi.builder().organisation(FakeOrganisation.generate(11, 8, 60, END)));
    }

    @Test
    void everySessionHasAReportInTheDocumentedShapeWithMetricNamesAsTheVendorWritesThem() throws Exception {
        FakeValorApi api = start();
        Set<String> metrics = new TreeSet<>();
        for (FakeSession session : api.organisation().sessions()) {
            FakePayloads.Response response = FakePayloads.get(api, "reportData", session.s3Key());
            assertEquals(200, response.status());
            assertTrue(response.envelope().get("body").isTextual(), "the body is a JSON-encoded string by default");
            JsonNode groups = response.body().get("WorkoutMetrics");
            JsonNode knee = groups.get("Ang").get("Knee Flex. (°)");
            for (String side : List.of("L", "R")) {
                double avgMax = knee.get(side).get("AvgMax").asDouble();
                assertTrue(avgMax > 50 && avgMax < 200, "a plausible knee flexion: " + avgMax);
                assertTrue(Set.of(0.0, 0.5, 1.0).contains(knee.get(side).get("Score").asDouble()));
            }
            groups.properties().forEach(group -> group.getValue().fieldNames().forEachRemaining(metrics::add));
        }
        assertTrue(metrics.containsAll(Set.of("Knee Flex. (°)", "Hip Flex. (°)", "Trunk Flex. (°)", "Knee Flex. Vel. (°/s)")), metrics.toString());
    }

    @Test
    void payloadsAreStablePerSessionAndChangeWhenTheS3KeyChanges() throws Exception {
        FakeValorApi api = start();
        FakeSession session = api.organisation().sessions().get(5);
        JsonNode report = FakePayloads.report(api, session.s3Key());
        JsonNode ik = FakePayloads.ik(api, session.s3Key());
        assertEquals(report, FakePayloads.report(api, session.s3Key()));
        assertEquals(ik, FakePayloads.ik(api, session.s3Key()));
        FakeValorApi again = start(FakeValorApi.builder().organisation(FakeOrganisation.generate(11, 8, 60, END)));
        assertEquals(report, FakePayloads.report(again, session.s3Key()), "derived from the seed and session, not from the server");

        String newKey = session.s3Key().replace(".json", "-reprocessed.json");
        api.organisation().updateSession(session.sessionId(), s -> s.withS3Key(newKey));
        assertEquals(404, FakePayloads.get(api, "reportData", session.s3Key()).status(), "the old key is gone");
        assertNotEquals(report, FakePayloads.report(api, newKey));
        assertNotEquals(ik, FakePayloads.ik(api, newKey));
    }

    @Test
    void ikSeriesAreSixtyHertzArraysSizedFromTheDurationWithVendorJointNames() throws Exception {
        FakeValorApi api = start();
        FakeSession shortOne = api.organisation().updateSession(api.organisation().sessions().get(0).sessionId(), s -> s.withDuration(12.5));
        FakeSession longOne = api.organisation().updateSession(api.organisation().sessions().get(1).sessionId(), s -> s.withDuration(900));

        JsonNode body = FakePayloads.ik(api, shortOne.s3Key());
        JsonNode time = body.get("time");
        assertEquals(750, time.size(), "12.5 s at 60 Hz");
        assertEquals(0.0, time.get(0).asDouble());
        assertEquals(0.0167, time.get(1).asDouble());
        assertEquals(12.4833, time.get(749).asDouble());
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertEquals(1 + 3 * FakeSessionData.JOINTS.size(), keys.size());
        assertTrue(keys.containsAll(List.of("waist_rotation", "waist_rotation_vel", "waist_rotation_acc", "left_knee_flexion",
                "right_shoulder_abduction_acc")), keys.toString());
        for (String joint : FakeSessionData.JOINTS) {
            for (String suffix : List.of("", "_vel", "_acc")) assertEquals(750, body.get(joint + suffix).size(), joint + suffix);
            double[] angle = FakePayloads.doubles(body.get(joint));
            double min = java.util.Arrays.stream(angle).min().orElseThrow();
            double rest = joint.endsWith("shoulder_abduction") ? 5 : 0;
            if (!joint.contains("rotation") && !joint.contains("lateral")) {
                assertTrue(Math.abs(min - rest) < 2.5, joint + " rests near " + rest + "°, min " + min);
            }
        }
        assertEquals(FakeSessionData.MAX_SAMPLES, FakePayloads.ik(api, longOne.s3Key()).get("time").size(), "long sessions are capped");
    }

    @Test
    void velocityIsTheDerivativeOfTheAngle() throws Exception {
        FakeValorApi api = start();
        JsonNode body = FakePayloads.ik(api, api.organisation().sessions().get(2).s3Key());
        double[] angle = FakePayloads.doubles(body.get("left_knee_flexion"));
        double[] velocity = FakePayloads.doubles(body.get("left_knee_flexion_vel"));
        double worst = 0;
        for (int i = 1; i + 1 < angle.length; i++) {
            double numeric = (angle[i + 1] - angle[i - 1]) * 30; // central difference at 60 Hz
            worst = Math.max(worst, Math.abs(numeric - velocity[i]));
        }
        assertTrue(worst < 3, "central difference within 3 °/s of the velocity array: " + worst);
    }

    @Test
    void unknownAndMissingKeysAreClientErrors() throws Exception {
        FakeValorApi api = start();
        assertEquals(404, FakePayloads.get(api, "ikData", "org/athlete/not-a-session.json").status());
        FakePayloads.Response missing = FakePayloads.get(api, "reportData", null);
        assertEquals(400, missing.status());
        assertTrue(missing.envelope().get("message").asText().contains("s3Key"));
    }

    @Test
    void theShapeDecidesTheBodyFormAndTheReportFieldSpelling() throws Exception {
        FakeValorApi api = start(FakeValorApi.builder().organisation(FakeOrganisation.generate(11, 8, 60, END))
                .shape(FakeShape.DEFAULT.withBody(FakeShape.Body.ARRAY).withKeys(FakeShape.Keys.SNAKE)));
        FakeSession session = api.organisation().sessions().get(0);
        FakePayloads.Response report = FakePayloads.get(api, "reportData", session.s3Key());
        assertTrue(report.envelope().get("body").isObject(), "body as an object");
        JsonNode left = report.body().get("WorkoutMetrics").get("Ang").get("Knee Flex. (°)").get("L");
        assertTrue(left.has("avg_max") && left.has("score"), left.toString());
        assertTrue(FakePayloads.get(api, "ikData", session.s3Key()).envelope().get("body").isObject());
    }

    @Test
    void faultsArePinnedPerEndpoint() throws Exception {
        FakeValorApi api = start(FakeValorApi.builder().organisation(FakeOrganisation.generate(11, 8, 60, END))
                .faults("reportData@2=503", "ikData@1=404"));
        String key = api.organisation().sessions().get(0).s3Key();
        assertEquals(200, FakePayloads.get(api, "reportData", key).status());
        assertEquals(503, FakePayloads.get(api, "reportData", key).status());
        assertEquals(200, FakePayloads.get(api, "reportData", key).status());
        assertEquals(404, FakePayloads.get(api, "ikData", key).status());
        assertEquals(200, FakePayloads.get(api, "ikData", key).status());
        assertTrue(api.endpoints().containsAll(Set.of("reportData", "ikData")));
    }
}
