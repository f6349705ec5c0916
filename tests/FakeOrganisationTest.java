package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import valor.fake.FakeCatalog;
import valor.fake.FakeOrganisation;
import valor.fake.FakeOrganisation.FakeAssessment;
import valor.fake.FakeOrganisation.FakeAthlete;
import valor.fake.FakeOrganisation.FakeExercise;
import valor.fake.FakeOrganisation.FakeSession;

/** The generated dataset: deterministic, realistic where it matters to a sync, cheap at a million sessions. */
class FakeOrganisationTest {
    static final Instant END = FakeValorApiTest.END;

    @Test
    void sameSeedAndEndGiveTheSameDataAndAnotherSeedDoesNot() {
        FakeOrganisation a = FakeOrganisation.generate(11, 15, 700, END);
        FakeOrganisation b = FakeOrganisation.generate(11, 15, 700, END);
        FakeOrganisation c = FakeOrganisation.generate(12, 15, 700, END);
        assertEquals(a.athletes(), b.athletes());
        assertEquals(a.sessions(), b.sessions());
        assertEquals(a.assessments(), b.assessments());
        assertEquals(a.exercises(), b.exercises());
        assertNotEquals(a.sessions(), c.sessions());
        assertNotEquals(a.athletes(), c.athletes());
        assertEquals(a.exercises(), c.exercises(), "the exercise library is the vendor's, the same for everyone");
    }

    @Test
    void athletesHaveAwkwardNamesAsciiEmailsAndUniqueIds() {
        List<FakeAthlete> athletes = FakeOrganisation.generate(5, 300, 0, END).athletes();
        assertEquals(300, athletes.size());
        assertTrue(athletes.stream().anyMatch(a -> !a.firstName().matches("\\p{ASCII}*")), "accented first names");
        assertTrue(athletes.stream().anyMatch(a -> a.lastName().contains("'")), "apostrophes");
        assertTrue(athletes.stream().anyMatch(a -> a.lastName().contains(" ")), "spaces");
        assertTrue(athletes.stream().anyMatch(a -> a.firstName().equals("Zoë") || a.firstName().equals("Łukasz")));
        athletes.forEach(a -> assertTrue(a.email().matches("[a-z0-9.]+@[a-z-]+\\.example"), a.email()));
        athletes.forEach(a -> assertTrue(a.athleteId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), a.athleteId()));
        assertEquals(300, athletes.stream().map(FakeAthlete::email).distinct().count());
        assertEquals(300, athletes.stream().map(FakeAthlete::athleteId).distinct().count());
        athletes.forEach(a -> assertTrue(a.createdAt().isBefore(END)));
        assertEquals("zoe.osuilleabhain", FakeCatalog.asciiFold("Zoë") + "." + FakeCatalog.asciiFold("Ó Súilleabháin"));
        assertEquals("lukasz.strasse", FakeCatalog.asciiFold("Łukasz") + "." + FakeCatalog.asciiFold("Straße"));
    }

    @Test
    void theExerciseLibraryHasOverAHundredDistinctMovements() {
        List<FakeExercise> exercises = FakeOrganisation.generate(1, 2, 10, END).exercises();
        assertTrue(exercises.size() >= 100, "" + exercises.size());
        assertEquals(exercises.size(), exercises.stream().map(FakeExercise::name).distinct().count());
        assertEquals(exercises.size(), exercises.stream().map(FakeExercise::exerciseId).distinct().count());
        Set<String> names = exercises.stream().map(FakeExercise::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(List.of("Bodyweight Squat", "Single-Leg RDL", "Overhead Press")));
    }

    @Test
    void sessionsLookLikeRecordingsOfTheLastYear() {
        FakeOrganisation org = FakeOrganisation.generate(21, 20, 3000, END);
        List<FakeSession> sessions = org.sessions();
        assertEquals(3000, sessions.size());
        assertEquals(3000, sessions.stream().map(FakeSession::sessionId).distinct().count());
        Map<String, FakeAthlete> athletes = org.athletes().stream().collect(Collectors.toMap(FakeAthlete::athleteId, a -> a));
        Set<String> exerciseIds = org.exercises().stream().map(FakeExercise::exerciseId).collect(Collectors.toSet());
        for (FakeSession s : sessions) {
            assertTrue(s.recordedAt().isBefore(END) && s.recordedAt().isAfter(END.minus(Duration.ofDays(366))), s.toString());
            assertFalse(s.recordedAt().isBefore(athletes.get(s.athleteId()).createdAt()), "not before the athlete existed");
            assertTrue(s.durationSeconds() >= 20 && s.durationSeconds() <= 600, s.toString());
            assertEquals(org.organisationId() + "/" + s.athleteId() + "/" + s.sessionId() + ".json", s.s3Key());
            assertTrue(exerciseIds.contains(s.exerciseId()));
            assertTrue(s.sessionName().startsWith(org.exercises().stream()
                    .filter(e -> e.exerciseId().equals(s.exerciseId())).findFirst().orElseThrow().name()));
        }
        long inAssessments = sessions.stream().filter(s -> !s.standalone()).count();
        assertTrue(inAssessments > 0.5 * 3000 && inAssessments < 0.7 * 3000, "about 60% in assessments: " + inAssessments);
    }

    @Test
    void assessmentSessionsShareOneAthleteOneDayAndTheTemplatesExercises() {
        FakeOrganisation org = FakeOrganisation.generate(22, 12, 2000, END);
        Map<String, List<FakeSession>> byAssessment = org.sessions().stream().filter(s -> !s.standalone())
                .collect(Collectors.groupingBy(FakeSession::assessmentId));
        List<FakeAssessment> assessments = org.assessments();
        assertEquals(byAssessment.keySet(), assessments.stream().map(FakeAssessment::assessmentId).collect(Collectors.toSet()));
        for (FakeAssessment assessment : assessments) {
            List<FakeSession> visit = byAssessment.get(assessment.assessmentId());
            assertTrue(visit.size() >= 3 && visit.size() <= 6, "" + visit.size());
            assertEquals(assessment.exerciseIds(), visit.stream().map(FakeSession::exerciseId).toList());
            assertEquals(Set.of(assessment.athleteId()), visit.stream().map(FakeSession::athleteId).collect(Collectors.toSet()));
            assertEquals(1, visit.stream().map(s -> s.recordedAt().atZone(ZoneOffset.UTC).toLocalDate()).distinct().count());
            assertEquals(assessment.recordedAt(), visit.get(0).recordedAt());
        }
        assertTrue(assessments.stream().map(FakeAssessment::name).distinct().count() > 5);
    }

    @Test
    void athletesAreUnevenlyActiveAndTheNewestHasNoSessionsYet() {
        FakeOrganisation org = FakeOrganisation.generate(23, 20, 2000, END);
        Map<String, Long> perAthlete = org.sessions().stream().collect(Collectors.groupingBy(FakeSession::athleteId, Collectors.counting()));
        long busiest = perAthlete.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long quietest = perAthlete.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(busiest > 5 * quietest, busiest + " vs " + quietest);
        FakeAthlete newest = org.athletes().get(org.athletes().size() - 1);
        assertTrue(org.sessionsOf(newest.athleteId()).isEmpty());
        assertEquals(19, perAthlete.size());
    }

    @Test
    void scansVisitEveryRecordOnceInAnUnsortedOrder() {
        FakeOrganisation org = FakeOrganisation.generate(24, 30, 1000, END);
        assertScanMatches(org.scanSessions(null), org.sessions());
        assertScanMatches(org.scanAthletes(), org.athletes());
        assertScanMatches(org.scanExercises(), org.exercises());
        assertScanMatches(org.scanAssessments(), org.assessments());
        FakeAthlete someone = org.athletes().get(2);
        assertScanMatches(org.scanSessions(someone.athleteId()), org.sessionsOf(someone.athleteId()));
    }

    private static <T> void assertScanMatches(FakeOrganisation.Scan<T> scan, Collection<T> expected) {
        List<T> seen = new java.util.ArrayList<>();
        for (long p = 0; p < scan.size(); p++) {
            T item = scan.at(p);
            if (item != null) seen.add(item);
        }
        assertEquals(new HashSet<>(expected), new HashSet<>(seen));
        assertEquals(expected.size(), seen.size());
        assertNotEquals(List.copyOf(expected), seen, "scan order differs from generation order");
    }

    @Test
    void editsChangeWhatIsReadAndKeepIdsStable() {
        FakeOrganisation org = FakeOrganisation.generate(25, 10, 300, END);
        FakeSession first = org.sessions().get(0);
        FakeSession longer = org.updateSession(first.sessionId(), s -> s.withDuration(999.5));
        assertEquals(999.5, org.session(first.sessionId()).orElseThrow().durationSeconds());
        assertEquals(longer, org.sessions().get(0));
        assertThrows(IllegalArgumentException.class, () -> org.updateSession(first.sessionId(),
                s -> new FakeSession("other", s.recordedAt(), s.s3Key(), 1, s.athleteId(), null, s.exerciseId(), "x")));

        org.deleteSession(first.sessionId());
        assertTrue(org.session(first.sessionId()).isEmpty());
        assertEquals(299, org.sessionCount());
        assertThrows(NoSuchElementException.class, () -> org.deleteSession(first.sessionId()));
        org.restoreSession(first.sessionId());
        assertEquals(longer, org.session(first.sessionId()).orElseThrow(), "restored as it was before the delete");

        List<FakeSession> added = org.addSessions(4);
        assertEquals(304, org.sessionCount());
        added.forEach(s -> {
            assertTrue(s.recordedAt().isAfter(END));
            assertNull(s.assessmentId());
            assertEquals(s, org.session(s.sessionId()).orElseThrow());
        });
        FakeSession addedRenamed = org.updateSession(added.get(0).sessionId(), s -> s.withSessionName("Added then renamed"));
        assertEquals(addedRenamed, org.session(added.get(0).sessionId()).orElseThrow());

        FakeAthlete gone = org.athletes().get(0);
        int theirs = org.sessionsOf(gone.athleteId()).size();
        org.deleteAthlete(gone.athleteId());
        assertEquals(304 - theirs, org.sessionCount());
        assertEquals(org.sessions().size(), org.sessionCount());
        assertTrue(org.athlete(gone.athleteId()).isEmpty());
        assertTrue(org.addSessions(30).stream().noneMatch(s -> s.athleteId().equals(gone.athleteId())), "deleted athletes record nothing");

        List<FakeAthlete> newcomers = org.addAthletes(2);
        assertEquals(11, org.athletes().size());
        assertTrue(org.athletes().containsAll(newcomers));
        assertTrue(org.sessionsOf(newcomers.get(0).athleteId()).isEmpty());
        assertThrows(NoSuchElementException.class, () -> org.deleteSession("not-a-session-id"));
    }

    @Test
    void aMillionSessionsCostNothingUntilRead() {
        long started = System.nanoTime();
        FakeOrganisation org = FakeOrganisation.generate(26, 1000, 1_000_000, END);
        assertEquals(1_000_000, org.sessionCount());
        FakeOrganisation.Scan<FakeSession> scan = org.scanSessions(null);
        assertEquals(1_000_000, scan.size());
        Set<String> ids = new HashSet<>();
        for (long p = 500_000; p < 501_000; p++) ids.add(scan.at(p).sessionId());
        assertEquals(1000, ids.size());
        String id = ids.iterator().next();
        assertEquals(id, org.session(id).orElseThrow().sessionId(), "found by id without an index");
        org.deleteSession(id);
        assertEquals(999_999, org.sessionCount());
        assertTrue((System.nanoTime() - started) / 1_000_000_000 < 30, "generous bound: a guard against materialising, not a benchmark");
    }

    @Test
    void insertedSessionsLandInsideTheScanAndMoveTheRecordsAfterThemOnByOne() {
        FakeOrganisation org = FakeOrganisation.generate(27, 10, 300, END);
        List<FakeSession> before = scanned(org.scanSessions(null));
        List<FakeSession> inserted = org.insertSessions(3);
        List<FakeSession> appended = org.addSessions(2);
        List<FakeSession> after = scanned(org.scanSessions(null));

        assertEquals(305, after.size());
        assertEquals(before, after.stream().filter(s -> !inserted.contains(s) && !appended.contains(s)).toList(),
                "the generated sessions keep their order");
        assertEquals(appended, after.subList(303, 305), "sessions added the usual way still come last");
        assertEquals(List.of(75, 151, 227), inserted.stream().map(after::indexOf).toList(),
                "inserts spread across the scan, each moving the records after it on by one");
        FakeSession renamed = org.updateSession(inserted.get(1).sessionId(), s -> s.withSessionName("Inserted then renamed"));
        org.deleteSession(inserted.get(0).sessionId());
        List<FakeSession> edited = scanned(org.scanSessions(null));
        assertEquals(renamed, edited.get(150));
        assertFalse(edited.contains(inserted.get(0)));
        String athlete = inserted.get(2).athleteId();
        List<FakeSession> theirs = scanned(org.scanSessions(athlete));
        assertTrue(theirs.contains(inserted.get(2)), "an athlete's scan holds their inserted sessions");
        assertEquals(Set.copyOf(org.sessionsOf(athlete)), Set.copyOf(theirs));
    }

    @Test
    void sessionsOfAthletesTheListDoesNotShowAreInTheScanAndInTheirAthletesScans() {
        FakeOrganisation org = FakeOrganisation.generate(28, 10, 300, END);
        FakeAthlete unlisted = org.addAthletes(1).get(0);
        org.unlistAthlete(unlisted.athleteId());
        String nobodyLists = "0e5c1b7a-4d1f-4b59-9a57-8d3c9e0c2b11";

        List<FakeSession> theirs = org.insertSessionsOf(List.of(unlisted.athleteId(), nobodyLists), 4);

        assertFalse(org.athletes().contains(unlisted), "not on /athletes");
        assertEquals(List.of(unlisted.athleteId(), nobodyLists, unlisted.athleteId(), nobodyLists),
                theirs.stream().map(FakeSession::athleteId).toList(), "recorded by the given athletes in turn");
        theirs.forEach(s -> assertTrue(s.s3Key().contains("/" + s.athleteId() + "/" + s.sessionId()), s.s3Key()));
        List<FakeSession> all = scanned(org.scanSessions(null));
        assertEquals(304, all.size());
        assertEquals(List.of(60, 121, 182, 243), theirs.stream().map(all::indexOf).toList(), "spread across the scan");
        assertEquals(List.of(theirs.get(0), theirs.get(2)), scanned(org.scanSessions(unlisted.athleteId())));
        assertEquals(List.of(theirs.get(1), theirs.get(3)), org.sessionsOf(nobodyLists));
    }

    private static List<FakeSession> scanned(FakeOrganisation.Scan<FakeSession> scan) {
        List<FakeSession> sessions = new java.util.ArrayList<>();
        for (long position = 0; position < scan.size(); position++) {
            FakeSession session = scan.at(position);
            if (session != null) sessions.add(session);
        }
        return sessions;
    }
}
