package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.fake.FakeOrganisation.FakeAthlete;
import valor.fake.FakeOrganisation.FakeSession;
import valor.fake.FakePagedEndpoint;
import valor.fake.FakeShape;
import valor.fake.FakeValorApi;

/** The fake Valor API over real HTTP: paging, shapes, auth, errors, filters and edits. */
class FakeValorApiTest {
    static final Instant END = Instant.parse("2026-03-01T00:00:00Z");

    private final List<FakeValorApi> started = new ArrayList<>();

    @AfterEach
    void stopServers() {
        started.forEach(FakeValorApi::close);
    }

    private Client start(FakeValorApi.Builder builder) {
        FakeValorApi api = builder.start();
        started.add(api);
        return new Client(api);
    }

    private Client start(FakeShape shape) {
        return start(FakeValorApi.builder().organisation(FakeOrganisation.generate(42, 20, 500, END)).shape(shape));
    }

    // ---- paging ----

    @Test
    void pagingCollectsEverySessionExactlyOnceInAnUnsortedOrder() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        List<FakeSession> expected = client.api.organisation().sessions();
        List<JsonNode> items = client.pageAll("sessions", Map.of("limit", "37"));

        List<String> ids = items.stream().map(n -> n.get("SessionID").asText()).toList();
        assertEquals(500, expected.size());
        assertEquals(expected.size(), ids.size());
        assertEquals(expected.size(), new HashSet<>(ids).size(), "no duplicates");
        assertEquals(expected.stream().map(FakeSession::sessionId).collect(Collectors.toSet()), new HashSet<>(ids));
        assertNotEquals(ids.stream().sorted().toList(), ids, "not sorted by id");
        List<String> dates = items.stream().map(n -> n.get("Date").asText()).toList();
        assertNotEquals(dates.stream().sorted().toList(), dates, "not sorted by date");
        assertNotEquals(expected.stream().map(FakeSession::sessionId).toList(), ids, "not in generation order either");
        assertEquals(14, client.api.requestCount("sessions"), "ceil(500 / 37) pages, no empty page at the end");
    }

    @Test
    void recordsCarryTheSessionsFieldsInTheDefaultShape() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        Map<String, JsonNode> byId = client.pageAll("sessions", Map.of("limit", "1000")).stream()
                .collect(Collectors.toMap(n -> n.get("SessionID").asText(), n -> n));
        for (FakeSession session : client.api.organisation().sessions()) {
            JsonNode json = byId.get(session.sessionId());
            assertEquals(List.of("SessionID", "Date", "s3Key", "Duration", "AthleteID", "AssessmentID", "ExerciseID", "SessionName"),
                    fieldNames(json));
            assertEquals(FakeShape.Dates.ISO_Z.format(session.recordedAt()), json.get("Date").asText());
            assertEquals(session.recordedAt(), Instant.parse(json.get("Date").asText()));
            assertEquals(session.s3Key(), json.get("s3Key").asText());
            assertTrue(json.get("Duration").isNumber());
            assertEquals(session.durationSeconds(), json.get("Duration").asDouble());
            assertEquals(session.athleteId(), json.get("AthleteID").asText());
            assertEquals(session.standalone() ? "singleExercise" : session.assessmentId(), json.get("AssessmentID").asText());
            assertEquals(session.exerciseId(), json.get("ExerciseID").asText());
            assertEquals(session.sessionName(), json.get("SessionName").asText());
        }
    }

    @Test
    void limitDefaultsTo100WhenAbsentOrEmpty() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        assertEquals(100, client.items(client.json(client.get("sessions", Map.of(), "\"\""))).size());
        assertEquals(100, client.items(client.json(client.get("sessions", Map.of("limit", ""), "\"\""))).size());
        assertEquals(3, client.items(client.json(client.get("sessions", Map.of("limit", "3"), "\"\""))).size());
    }

    @Test
    void everyListEndpointPagesTheSameWay() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        FakeOrganisation org = client.api.organisation();
        assertEquals(ids(org.athletes(), FakeAthlete::athleteId), idSet(client.pageAll("athletes", Map.of("limit", "3")), "AthleteID"));
        assertEquals(ids(org.exercises(), FakeOrganisation.FakeExercise::exerciseId),
                idSet(client.pageAll("exercises", Map.of("limit", "9")), "ExerciseID"));
        assertEquals(ids(org.assessments(), FakeOrganisation.FakeAssessment::assessmentId),
                idSet(client.pageAll("assessments", Map.of("limit", "11")), "AssessmentID"));
        JsonNode athlete = client.pageAll("athletes", Map.of()).get(0);
        assertEquals(List.of("AthleteID", "FirstName", "LastName", "Email", "CreatedDate"), fieldNames(athlete));
        assertEquals(List.of("ExerciseID", "Name"), fieldNames(client.pageAll("exercises", Map.of()).get(0)));
        assertEquals(List.of("AssessmentID", "Name", "AthleteID", "Date"), fieldNames(client.pageAll("assessments", Map.of()).get(0)));
    }

    @Test
    void continuationTokensContainQuotesAndTheLastPageSaysTheStringNull() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        JsonNode first = client.json(client.get("sessions", Map.of("limit", "400"), "\"\""));
        assertEquals(200, first.get("statusCode").asInt());
        assertTrue(first.get("body").isTextual(), "body is a JSON-encoded string by default");
        String token = first.get("X-Continuation-Token").asText();
        assertTrue(token.contains("\""), token);
        JsonNode last = client.json(client.get("sessions", Map.of("limit", "400"), Json.quote(token)));
        assertEquals(100, client.items(last).size());
        assertTrue(last.get("X-Continuation-Token").isTextual());
        assertEquals("null", last.get("X-Continuation-Token").asText());
    }

    // ---- shapes ----

    @Test
    void bodyCanBeAPlainArray() throws Exception {
        Client client = start(FakeShape.DEFAULT.withBody(FakeShape.Body.ARRAY));
        JsonNode page = client.json(client.get("sessions", Map.of("limit", "5"), "\"\""));
        assertTrue(page.get("body").isArray());
        assertEquals(5, page.get("body").size());
        assertEquals(500, client.pageAll("sessions", Map.of("limit", "200")).size());
    }

    @ParameterizedTest
    @EnumSource(FakeShape.LastToken.class)
    void lastPageTokenTakesEachPromisedForm(FakeShape.LastToken form) throws Exception {
        Client client = start(FakeShape.DEFAULT.withLastToken(form));
        JsonNode middle = client.json(client.get("sessions", Map.of("limit", "499"), "\"\""));
        assertEquals("{\"pos\":499,\"of\":\"sessions\",\"v\":1}", middle.get("X-Continuation-Token").asText(), "only the last page changes");
        JsonNode last = client.json(client.get("sessions", Map.of("limit", "499"), Json.quote(middle.get("X-Continuation-Token").asText())));
        JsonNode token = last.get("X-Continuation-Token");
        switch (form) {
            case STRING_NULL -> assertEquals("\"null\"", token.toString());
            case JSON_NULL -> assertTrue(token != null && token.isNull());
            case MISSING -> assertFalse(last.has("X-Continuation-Token"));
            case EMPTY -> assertEquals("\"\"", token.toString());
        }
        assertEquals(1, client.items(last).size());
    }

    @ParameterizedTest
    @EnumSource(FakeShape.Keys.class)
    void keyStylesSpellEveryKeyAsPromised(FakeShape.Keys keys) throws Exception {
        Client client = start(FakeShape.DEFAULT.withKeys(keys));
        List<String> expected = switch (keys) {
            case PASCAL -> List.of("SessionID", "Date", "s3Key", "Duration", "AthleteID", "AssessmentID", "ExerciseID", "SessionName");
            case CAMEL -> List.of("sessionId", "date", "s3Key", "duration", "athleteId", "assessmentId", "exerciseId", "sessionName");
            case SNAKE -> List.of("session_id", "date", "s3_key", "duration", "athlete_id", "assessment_id", "exercise_id", "session_name");
            case SPACED -> List.of("Session ID", "Date", "s3Key", "Duration", "Athlete ID", "Assessment ID", "Exercise ID", "Session Name");
        };
        for (JsonNode session : client.items(client.json(client.get("sessions", Map.of("limit", "20"), "\"\"")))) {
            assertEquals(expected, fieldNames(session));
            assertNotNull(client.api.organisation().session(session.get(expected.get(0)).asText()).orElse(null));
        }
        String firstName = switch (keys) {
            case PASCAL -> "FirstName";
            case CAMEL -> "firstName";
            case SNAKE -> "first_name";
            case SPACED -> "First Name";
        };
        assertTrue(client.pageAll("athletes", Map.of()).get(0).has(firstName));
    }

    @ParameterizedTest
    @EnumSource(FakeShape.Dates.class)
    void dateFormatsWriteTheSameInstant(FakeShape.Dates dates) throws Exception {
        Client client = start(FakeShape.DEFAULT.withDates(dates));
        for (JsonNode json : client.items(client.json(client.get("sessions", Map.of("limit", "50"), "\"\"")))) {
            FakeSession session = client.api.organisation().session(json.get("SessionID").asText()).orElseThrow();
            String text = json.get("Date").asText();
            Instant seconds = session.recordedAt().truncatedTo(ChronoUnit.SECONDS);
            switch (dates) {
                case ISO_Z -> {
                    assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), text);
                    assertEquals(session.recordedAt(), Instant.parse(text));
                }
                case SPACE -> {
                    assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), text);
                    assertEquals(seconds, LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toInstant(ZoneOffset.UTC));
                }
                case OFFSET -> {
                    assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+02:00"), text);
                    assertEquals(seconds, OffsetDateTime.parse(text).toInstant());
                }
                case ISO_NO_ZONE -> {
                    assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"), text);
                    assertEquals(seconds, LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
                }
            }
        }
    }

    @Test
    void durationsCanBeNumericStringsAndRecordsCanCarryAnUnknownField() throws Exception {
        Client client = start(FakeShape.DEFAULT.withDurations(FakeShape.Durations.STRING).withExtraField("DeviceModel", "VS-2"));
        for (JsonNode json : client.items(client.json(client.get("sessions", Map.of("limit", "30"), "\"\"")))) {
            FakeSession session = client.api.organisation().session(json.get("SessionID").asText()).orElseThrow();
            assertTrue(json.get("Duration").isTextual());
            assertEquals(session.durationSeconds(), Double.parseDouble(json.get("Duration").asText()));
            assertEquals("VS-2", json.get("DeviceModel").asText());
        }
        assertEquals("VS-2", client.pageAll("athletes", Map.of()).get(0).get("DeviceModel").asText());
        assertEquals("VS-2", client.pageAll("exercises", Map.of()).get(0).get("DeviceModel").asText());
    }

    @Test
    void shapeCanChangeBetweenRequests() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        assertTrue(client.json(client.get("sessions", Map.of("limit", "1"), "\"\"")).get("body").isTextual());
        client.api.useShape(FakeShape.DEFAULT.withBody(FakeShape.Body.ARRAY).withKeys(FakeShape.Keys.SNAKE));
        JsonNode page = client.json(client.get("sessions", Map.of("limit", "1"), "\"\""));
        assertTrue(page.get("body").get(0).has("session_id"));
    }

    // ---- protocol errors ----

    @Test
    void tokenSentBackWithoutJsonEncodingIsRejected() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        String token = client.json(client.get("sessions", Map.of("limit", "10"), "\"\"")).get("X-Continuation-Token").asText();
        HttpResponse<String> raw = client.get("sessions", Map.of("limit", "10"), token);
        assertEquals(400, raw.statusCode());
        assertTrue(client.json(raw).get("message").asText().contains("JSON-encoded"), raw.body());
        assertEquals(200, client.get("sessions", Map.of("limit", "10"), Json.quote(token)).statusCode());
    }

    @Test
    void malformedRequestsGet400WithAMessage() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        String otherEndpointsToken = client.json(client.get("athletes", Map.of("limit", "2"), "\"\"")).get("X-Continuation-Token").asText();
        List<HttpResponse<String>> bad = List.of(
                client.get("sessions", Map.of(), null),                        // header missing
                client.get("sessions", Map.of(), ""),                          // not JSON
                client.get("sessions", Map.of(), "abc"),                       // not JSON
                client.get("sessions", Map.of(), "42"),                        // JSON, not a string
                client.get("sessions", Map.of(), "\"not a token\""),           // unknown token
                client.get("sessions", Map.of(), Json.quote(otherEndpointsToken)), // another endpoint's token
                client.get("sessions", Map.of("limit", "ten"), "\"\""),
                client.get("sessions", Map.of("limit", "0"), "\"\""));
        for (HttpResponse<String> response : bad) {
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(client.json(response).get("message").asText().length() > 5);
        }
    }

    @Test
    void wrongOrMissingBearerTokenGets401() throws Exception {
        Client client = start(FakeValorApi.builder().organisation(FakeOrganisation.generate(1, 3, 10, END)).token("secret-1"));
        assertEquals(200, client.get("sessions", Map.of(), "\"\"", "Bearer secret-1").statusCode());
        for (String authorization : new String[] {"Bearer valor-demo-token", "secret-1", "Basic secret-1", null}) {
            HttpResponse<String> response = client.get("sessions", Map.of(), "\"\"", authorization);
            assertEquals(401, response.statusCode(), String.valueOf(authorization));
            assertEquals("{\"message\":\"Unauthorized\"}", response.body());
        }
        client.api.acceptToken(token -> token.startsWith("jwt."));
        assertEquals(200, client.get("sessions", Map.of(), "\"\"", "Bearer jwt.anything").statusCode());
        assertEquals(401, client.get("sessions", Map.of(), "\"\"", "Bearer secret-1").statusCode());
    }

    // ---- filters and empty results ----

    @Test
    void athleteIdFilterReturnsExactlyThatAthletesSessions() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        FakeOrganisation org = client.api.organisation();
        FakeAthlete busiest = org.athletes().stream().max(Comparator.comparingInt(a -> org.sessionsOf(a.athleteId()).size())).orElseThrow();
        List<FakeSession> expected = org.sessionsOf(busiest.athleteId());
        assertTrue(expected.size() > 20, "the busiest athlete has many sessions: " + expected.size());
        List<JsonNode> items = client.pageAll("sessions", Map.of("athleteID", busiest.athleteId(), "limit", "7"));
        assertEquals(ids(expected, FakeSession::sessionId), idSet(items, "SessionID"));
        assertEquals(expected.size(), items.size());
        items.forEach(item -> assertEquals(busiest.athleteId(), item.get("AthleteID").asText()));
        assertEquals(500, client.pageAll("sessions", Map.of("athleteID", "", "limit", "")).size(), "athleteID= means all athletes");
    }

    /**
     * The vendor does not say whether athleteID is served by an index or filters a page after
     * reading it (valor-api.md); the fake can do either. Filtering after reading: a page reads
     * `limit` of the organisation's sessions and keeps the athlete's, so an athlete's pass takes as
     * many requests as the organisation's, through short and empty pages that carry a token.
     */
    @Test
    void athleteIdAppliedAfterReadingTakesAsManyPagesAsTheWholeOrganisation() throws Exception {
        FakeOrganisation org = FakeOrganisation.generate(42, 20, 500, END);
        org.deleteSession(org.sessions().get(3).sessionId());
        Client client = start(FakeValorApi.builder().organisation(org).athleteFilter(FakeValorApi.AthleteFilter.SCAN));
        FakeAthlete busiest = org.athletes().stream().max(Comparator.comparingInt(a -> org.sessionsOf(a.athleteId()).size())).orElseThrow();
        List<FakeSession> expected = org.sessionsOf(busiest.athleteId());

        List<JsonNode> items = client.pageAll("sessions", Map.of("athleteID", busiest.athleteId(), "limit", "50"));

        assertEquals(ids(expected, FakeSession::sessionId), idSet(items, "SessionID"));
        assertEquals(expected.size(), items.size());
        assertEquals(10, client.api.requests("sessions").size(), "499 sessions read 50 at a time, whoever's they are");
        JsonNode first = client.json(client.get("sessions", Map.of("athleteID", busiest.athleteId(), "limit", "50"), "\"\""));
        assertTrue(client.items(first).size() < 50, "a short page: " + client.items(first).size());
        assertTrue(first.get("X-Continuation-Token").asText().startsWith("{"), "with more to come: " + first);
        assertEquals(499, client.pageAll("sessions", Map.of("limit", "50")).size(), "without athleteID, pages are full");
        Client indexed = start(FakeValorApi.builder().organisation(org));
        indexed.pageAll("sessions", Map.of("athleteID", busiest.athleteId(), "limit", "50"));
        assertEquals((expected.size() + 49) / 50, indexed.api.requests("sessions").size(), "served by an index: full pages");
    }

    @Test
    void athleteWithoutSessionsAndOrganisationWithoutSessionsGet404() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        FakeOrganisation org = client.api.organisation();
        FakeAthlete idle = org.athletes().stream().filter(a -> org.sessionsOf(a.athleteId()).isEmpty()).findFirst().orElseThrow();
        for (String athlete : List.of(idle.athleteId(), "no-such-athlete")) {
            HttpResponse<String> response = client.get("sessions", Map.of("athleteID", athlete), "\"\"");
            assertEquals(404, response.statusCode());
            assertEquals("No sessions found", client.json(response).get("message").asText());
        }
        Client empty = start(FakeValorApi.builder().organisation(FakeOrganisation.generate(5, 3, 0, END)));
        assertEquals(404, empty.get("sessions", Map.of(), "\"\"").statusCode());
        assertEquals(3, empty.pageAll("athletes", Map.of()).size(), "other endpoints still answer");
    }

    @Test
    void missingEndpointsAnswer404Or403AndUnknownRoutes403() throws Exception {
        FakeOrganisation org = FakeOrganisation.generate(2, 5, 50, END);
        Client notFound = start(FakeValorApi.builder().organisation(org).missingEndpoints(Set.of("assessments", "exercises")));
        for (String endpoint : List.of("assessments", "exercises")) {
            HttpResponse<String> response = notFound.get(endpoint, Map.of(), "\"\"");
            assertEquals(404, response.statusCode());
            assertEquals("Not Found", notFound.json(response).get("message").asText());
        }
        assertEquals(200, notFound.get("sessions", Map.of(), "\"\"").statusCode());
        assertEquals(200, notFound.get("athletes", Map.of(), "\"\"").statusCode());

        Client forbidden = start(FakeValorApi.builder().organisation(org).missingEndpoints(Set.of("assessments")).missingEndpointStatus(403));
        HttpResponse<String> response = forbidden.get("assessments", Map.of(), "\"\"");
        assertEquals(403, response.statusCode());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", response.body());
        assertEquals(403, forbidden.get("videoExport", Map.of(), "\"\"").statusCode(), "API Gateway's answer for an unknown route");
    }

    // ---- edits ----

    @Test
    void editsShowUpInLaterResponses() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        FakeOrganisation org = client.api.organisation();
        List<FakeSession> before = org.sessions();
        FakeSession renamed = org.updateSession(before.get(3).sessionId(), s -> s.withSessionName("Renamed by coach"));
        FakeSession deleted = org.deleteSession(before.get(4).sessionId());
        List<FakeSession> added = org.addSessions(3);
        FakeAthlete leaving = org.athletes().get(0);
        int leavingSessions = org.sessionsOf(leaving.athleteId()).size();
        assertTrue(leavingSessions > 0);
        org.deleteAthlete(leaving.athleteId());
        FakeAthlete retitled = org.updateAthlete(org.athletes().get(0).athleteId(), a -> a.withLastName("Ó Súilleabháin-Renamed"));

        Map<String, JsonNode> byId = client.pageAll("sessions", Map.of("limit", "100")).stream()
                .collect(Collectors.toMap(n -> n.get("SessionID").asText(), n -> n));
        assertEquals(500 - 1 + 3 - leavingSessions, byId.size(), "leavingSessions was counted after the delete and the adds");
        assertEquals(org.sessionCount(), byId.size());
        assertEquals("Renamed by coach", byId.get(renamed.sessionId()).get("SessionName").asText());
        assertFalse(byId.containsKey(deleted.sessionId()));
        added.forEach(s -> assertTrue(byId.containsKey(s.sessionId())));
        assertTrue(byId.values().stream().noneMatch(n -> n.get("AthleteID").asText().equals(leaving.athleteId())));
        assertEquals(404, client.get("sessions", Map.of("athleteID", leaving.athleteId()), "\"\"").statusCode());

        List<JsonNode> athletes = client.pageAll("athletes", Map.of());
        assertTrue(athletes.stream().noneMatch(n -> n.get("AthleteID").asText().equals(leaving.athleteId())));
        assertTrue(athletes.stream().anyMatch(n -> n.get("LastName").asText().equals(retitled.lastName())));
        assertTrue(client.pageAll("assessments", Map.of()).stream().noneMatch(n -> n.get("AthleteID").asText().equals(leaving.athleteId())));

        org.restoreSession(deleted.sessionId());
        boolean back = client.pageAll("sessions", Map.of("limit", "1000")).stream()
                .anyMatch(n -> n.get("SessionID").asText().equals(deleted.sessionId()));
        assertEquals(!deleted.athleteId().equals(leaving.athleteId()), back);
    }

    // ---- determinism, scale, concurrency, the request log ----

    @Test
    void sameSeedServesTheSameBytes() throws Exception {
        Client a = start(FakeValorApi.builder().organisation(FakeOrganisation.generate(9, 10, 300, END)));
        Client b = start(FakeValorApi.builder().organisation(FakeOrganisation.generate(9, 10, 300, END)));
        Client c = start(FakeValorApi.builder().organisation(FakeOrganisation.generate(10, 10, 300, END)));
        for (String endpoint : List.of("sessions", "athletes", "assessments", "exercises")) {
            assertEquals(a.get(endpoint, Map.of("limit", "1000"), "\"\"").body(), b.get(endpoint, Map.of("limit", "1000"), "\"\"").body());
        }
        assertNotEquals(a.get("sessions", Map.of(), "\"\"").body(), c.get("sessions", Map.of(), "\"\"").body());
    }

    @Test
    void aMillionSessionOrganisationServesPagesFromAnywhere() throws Exception {
        Client client = start(FakeValorApi.builder().organisation(FakeOrganisation.generate(7, 500, 1_000_000, END)));
        JsonNode first = client.json(client.get("sessions", Map.of("limit", "1000"), "\"\""));
        List<JsonNode> items = client.items(first);
        assertEquals(1000, items.size());
        assertEquals(1000, idSet(items, "SessionID").size());
        assertEquals("{\"pos\":1000,\"of\":\"sessions\",\"v\":1}", first.get("X-Continuation-Token").asText());
        JsonNode tail = client.json(client.get("sessions", Map.of("limit", "1000"), Json.quote(FakePagedEndpoint.token("sessions", 999_400))));
        assertEquals(600, client.items(tail).size());
        assertEquals("null", tail.get("X-Continuation-Token").asText());
        FakeAthlete someone = client.api.organisation().athletes().get(123);
        JsonNode filtered = client.json(client.get("sessions", Map.of("athleteID", someone.athleteId(), "limit", "50"), "\"\""));
        client.items(filtered).forEach(n -> assertEquals(someone.athleteId(), n.get("AthleteID").asText()));
        assertFalse(client.items(filtered).isEmpty());
    }

    @Test
    void concurrentClientsEachGetEverySession() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        Set<String> expected = ids(client.api.organisation().sessions(), FakeSession::sessionId);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<JsonNode>>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) runs.add(pool.submit(() -> client.pageAll("sessions", Map.of("limit", "23"))));
            for (Future<List<JsonNode>> run : runs) assertEquals(expected, idSet(run.get(), "SessionID"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestLogRecordsWhatEachRequestAskedAndGot() throws Exception {
        Client client = start(FakeShape.DEFAULT);
        client.get("sessions", Map.of("limit", "5", "athleteID", ""), "\"\"");
        client.get("sessions", Map.of(), null);
        client.get("athletes", Map.of(), "\"\"", "Bearer wrong");
        List<FakeValorApi.LoggedRequest> log = client.api.requests();
        assertEquals(3, log.size());
        assertEquals(new FakeValorApi.LoggedRequest("sessions", 1, Map.of("limit", "5", "athleteID", ""), "\"\"", 200, null), log.get(0));
        assertEquals(new FakeValorApi.LoggedRequest("sessions", 2, Map.of(), null, 400, null), log.get(1));
        assertEquals(401, log.get(2).status());
        assertEquals(2, client.api.requestCount("sessions"));
        assertEquals(1, client.api.requestCount("athletes"));
        assertEquals(0, client.api.requestCount("exercises"));
        assertEquals("127.0.0.1", client.api.baseUrl().getHost());
        assertEquals("/production", client.api.baseUrl().getPath());
    }

    // ---- helpers ----

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    static Set<String> idSet(List<JsonNode> items, String key) {
        return items.stream().map(n -> n.get(key).asText()).collect(Collectors.toSet());
    }

    static <T> Set<String> ids(List<T> records, Function<T, String> id) {
        return records.stream().map(id).collect(Collectors.toSet());
    }

    /** A deliberately plain client of the documented protocol, for testing the fake. */
    static final class Client {
        final FakeValorApi api;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Client(FakeValorApi api) {
            this.api = api;
        }

        HttpResponse<String> get(String endpoint, Map<String, String> query, String tokenHeader) throws IOException, InterruptedException {
            return get(endpoint, query, tokenHeader, "Bearer " + api.token());
        }

        HttpResponse<String> get(String endpoint, Map<String, String> query, String tokenHeader, String authorization)
                throws IOException, InterruptedException {
            return http.send(request(endpoint, query, tokenHeader, authorization, Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpRequest.Builder request(String endpoint, Map<String, String> query, String tokenHeader, String authorization, Duration timeout) {
            String queryText = query.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/" + endpoint + (queryText.isEmpty() ? "" : "?" + queryText)))
                    .timeout(timeout).GET();
            if (authorization != null) request.header("Authorization", authorization);
            if (tokenHeader != null) request.header("X-Continuation-Token", tokenHeader);
            return request;
        }

        JsonNode json(HttpResponse<String> response) throws IOException {
            return Json.parse(response.body());
        }

        /** The records of a page, whether the body is an array or a JSON string holding one. */
        List<JsonNode> items(JsonNode page) throws IOException {
            JsonNode body = page.get("body");
            JsonNode array = body.isTextual() ? Json.parse(body.asText()) : body;
            List<JsonNode> items = new ArrayList<>();
            array.forEach(items::add);
            return items;
        }

        /** Follows tokens until one of the documented "no more pages" forms, failing on any error or endless paging. */
        List<JsonNode> pageAll(String endpoint, Map<String, String> query) throws IOException, InterruptedException {
            List<JsonNode> all = new ArrayList<>();
            String token = "";
            for (int pages = 0; pages < 10_000; pages++) {
                HttpResponse<String> response = get(endpoint, query, Json.quote(token));
                assertEquals(200, response.statusCode(), response.body());
                JsonNode page = json(response);
                all.addAll(items(page));
                JsonNode next = page.get("X-Continuation-Token");
                if (next == null || next.isNull() || next.asText().isEmpty() || next.asText().equals("null")) return all;
                token = next.asText();
            }
            throw new AssertionError("paging did not end");
        }
    }
}
