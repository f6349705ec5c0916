package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation.FakeAthlete;
import valor.query.SavedQueries;
import valor.query.SavedQuery;

/**
 * Parameters that would otherwise return nothing without a word: a required one left out, and an
 * athlete that is nobody. Each gets one line instead: exit 2 for the missing value, exit 1 for
 * the athlete, with the closest names.
 */
class RequiredParametersTest {
    @TempDir
    static Path shared;
    static AnalystStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncAStore() {
        store = AnalystStore.synced(shared, 23, 8, 160);
    }

    @Test
    void aMissingRequiredParameterIsOneLineAndExitTwo() {
        String needs = "ik-samples needs -p session=VALUE: session id (see ik_series or ik_joint_details)";
        SqlCommandTest.assertOneLine(store.sql("ik-samples"), 2, needs);
        SqlCommandTest.assertOneLine(store.sql("ik-samples", "-p", "joint=left_knee_flexion"), 2, needs);
        SqlCommandTest.assertOneLine(store.sql("ik-samples", "-p", "session="), 2, needs);
        TestIo.Result given = store.sql("ik-samples", "-p", "session=no-such-session");
        assertEquals(0, given.exitCode(), given.toString());
    }

    @Test
    void aFileCanDeclareRequiredParametersAndListShowsThem() throws Exception {
        Path file = dir.resolve("longer.sql");
        Files.writeString(file, "-- Sessions longer than a limit.\n-- param min (required): seconds\n-- param max = 100000: seconds\n"
                + "select count(*) as n from session_details where duration_s > CAST(:min AS DOUBLE) and duration_s < CAST(:max AS DOUBLE)\n");
        SqlCommandTest.assertOneLine(store.sql("-f", file.toString()), 2, "longer needs -p min=VALUE: seconds");
        assertEquals(0, store.sql("-f", file.toString(), "-p", "min=10").exitCode());

        List<CSVRecord> list = list();
        assertEquals("session (required), joint", row(list, "ik-samples").get(1));
        assertEquals("athlete, weeks=12, as_of, empty_weeks=false", row(list, "sessions-per-week").get(1), "nothing else is required");
        for (SavedQuery query : SavedQueries.all()) {
            boolean required = query.params().stream().anyMatch(SavedQuery.Param::required);
            assertEquals(required, row(list, query.name()).get(1).contains("(required)"), query.name());
            assertEquals(query.name().equals("ik-samples"), required, "only ik-samples returns nothing without one: " + query.name());
        }
    }

    @Test
    void anAthleteThatIsNobodyIsOneLineWithTheClosestNamesAndExitOne() {
        FakeAthlete athlete = store.organisation.athletes().stream()
                .max(Comparator.comparingInt((FakeAthlete a) -> store.organisation.sessionsOf(a.athleteId()).size())).orElseThrow();
        String asOf = "as_of=" + SavedQueriesTest.day(store.organisation.endsAt());
        String name = SavedQueriesTest.name(athlete);
        String typo = name.substring(0, name.length() - 2) + name.charAt(name.length() - 1); // one letter dropped

        TestIo.Result result = store.sql("sessions-per-week", "-p", "athlete=" + typo, "-p", "weeks=520", "-p", asOf);
        SqlCommandTest.assertOneLine(result, 1, "no athlete has the id or name '" + typo + "'; did you mean " + name);
        assertEquals("", result.out(), "no empty result either");

        String idTypo = "x" + athlete.athleteId().substring(1);
        SqlCommandTest.assertOneLine(store.sql("exercise-mix", "-p", "athlete=" + idTypo), 1,
                "no athlete has the id or name '" + idTypo + "'; did you mean " + name + " (" + athlete.athleteId() + ")");
        SqlCommandTest.assertOneLine(store.sql("exercise-mix", "-p", "athlete=Zzzzzzzzzzzzzzzzzzzzz"), 1,
                "none of the store's " + store.organisation.athletes().size() + " athletes has a name close to it");

        for (String found : List.of(name, name.toLowerCase(java.util.Locale.ROOT), athlete.athleteId())) {
            TestIo.Result ok = store.sql("sessions-per-week", "-p", "athlete=" + found, "-p", "weeks=520", "-p", asOf);
            assertEquals(0, ok.exitCode(), ok.toString());
            assertFalse(ok.out().lines().skip(1).toList().isEmpty(), "their weeks: " + ok);
        }
    }

    @Test
    void everyQueryWithAnAthleteParameterChecksIt() {
        List<String> checked = SavedQueries.all().stream().filter(q -> q.param("athlete") != null).map(SavedQuery::name).toList();
        assertTrue(checked.containsAll(List.of("sessions-per-week", "exercise-mix", "assessments", "session-extremes", "athlete-calendar")),
                checked.toString());
        for (String query : checked) {
            SqlCommandTest.assertOneLine(store.sql(query, "-p", "athlete=Nobody Atall"), 1, "no athlete has the id or name 'Nobody Atall'");
        }
    }

    private List<CSVRecord> list() {
        try {
            return SqlCommandTest.csv(TestIo.inHome(dir).run(new SqlCommand(), "--list").out());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CSVRecord row(List<CSVRecord> list, String name) {
        Map<String, CSVRecord> byName = list.stream().collect(Collectors.toMap(r -> r.get(0), r -> r, (a, b) -> a));
        assertTrue(byName.containsKey(name), name + " is listed");
        return byName.get(name);
    }
}
