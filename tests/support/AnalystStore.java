package valor;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import valor.base.Json;
import valor.fake.FakeOrganisation;

/**
 * A store synced from a fake organisation that has then changed (sessions deleted and edited,
 * an athlete gone) and been synced again, so the base tables hold deleted rows that views and
 * saved queries must leave out. The organisation is what the API shows now: the expected data.
 */
final class AnalystStore {
    final Path dir;
    final Path db;
    final FakeOrganisation organisation;
    final String deletedAthlete;
    final List<String> deletedSessions = new ArrayList<>();

    private AnalystStore(Path dir, Path db, FakeOrganisation organisation, String deletedAthlete) {
        this.dir = dir;
        this.db = db;
        this.organisation = organisation;
        this.deletedAthlete = deletedAthlete;
    }

    static AnalystStore synced(Path dir, long seed, int athletes, int sessions) {
        FakeOrganisation organisation = FakeOrganisation.generate(seed, athletes, sessions);
        try (SyncFixture fixture = SyncFixture.start(dir, organisation)) {
            fixture.sync();
            List<FakeOrganisation.FakeSession> all = organisation.sessions();
            String gone = all.get(all.size() / 2).athleteId();
            organisation.deleteAthlete(gone);
            AnalystStore store = new AnalystStore(dir, fixture.db, organisation, gone);
            List<FakeOrganisation.FakeSession> left = organisation.sessions();
            int step = left.size() / 6;
            for (int i = 1; i <= 5; i++) store.deletedSessions.add(organisation.deleteSession(left.get(i * step).sessionId()).sessionId());
            organisation.updateSession(organisation.sessions().get(3).sessionId(), s -> s.withDuration(777.7));
            fixture.sync();
            return store;
        }
    }

    /** Runs valor-sql on this store, in-process, with a home of its own. */
    TestIo.Result sql(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", db.toString()));
        all.addAll(List.of(args));
        return TestIo.inHome(dir).run(new SqlCommand(), all.toArray(String[]::new));
    }

    /** Runs valor-sql with --jsonl and returns the rows, keys in column order; fails the test on a non-zero exit. */
    List<Map<String, Object>> rows(String... args) {
        List<String> all = new ArrayList<>(List.of("--jsonl"));
        all.addAll(List.of(args));
        TestIo.Result result = sql(all.toArray(String[]::new));
        if (result.exitCode() != 0) throw new AssertionError("valor-sql failed: " + result);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : result.out().split("\n")) {
            if (line.isBlank()) continue;
            try {
                JsonNode node = Json.parse(line);
                Map<String, Object> row = new LinkedHashMap<>();
                node.properties().forEach(field -> row.put(field.getKey(), Json.MAPPER.convertValue(field.getValue(), Object.class)));
                rows.add(row);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
        return rows;
    }
}
