package valor.fake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

/**
 * The fake API's data: one organisation's athletes, exercise library, assessments and sessions,
 * generated deterministically from a seed, plus a small overlay of test edits (added, changed and
 * deleted records). Generated sessions are derived on demand from their index, so an organisation
 * of a million sessions costs no memory; reads and edits are safe while the server is serving.
 */
public final class FakeOrganisation {

    public record FakeAthlete(String athleteId, String firstName, String lastName, String email, Instant createdAt) {
        public FakeAthlete withFirstName(String name) {
            return new FakeAthlete(athleteId, name, lastName, email, createdAt);
        }

        public FakeAthlete withLastName(String name) {
            return new FakeAthlete(athleteId, firstName, name, email, createdAt);
        }
    }

    public record FakeExercise(String exerciseId, String name) {}

    /** One assessment as recorded: an athlete doing a template's exercises on one day. */
    public record FakeAssessment(String assessmentId, String name, String athleteId, Instant recordedAt,
                                 List<String> exerciseIds) {}

    /** A session; {@code assessmentId} is null for a standalone recording (the API says "singleExercise"). */
    public record FakeSession(String sessionId, Instant recordedAt, String s3Key, double durationSeconds,
                              String athleteId, String assessmentId, String exerciseId, String sessionName) {
        public static final String STANDALONE = "singleExercise";

        public boolean standalone() {
            return assessmentId == null;
        }

        public FakeSession withDuration(double seconds) {
            return new FakeSession(sessionId, recordedAt, s3Key, seconds, athleteId, assessmentId, exerciseId, sessionName);
        }

        public FakeSession withSessionName(String name) {
            return new FakeSession(sessionId, recordedAt, s3Key, durationSeconds, athleteId, assessmentId, exerciseId, name);
        }

        /** As when the vendor reprocesses a recording: its report and IK data move to a new key. */
        public FakeSession withS3Key(String key) {
            return new FakeSession(sessionId, recordedAt, key, durationSeconds, athleteId, assessmentId, exerciseId, sessionName);
        }

        public FakeSession withRecordedAt(Instant when) {
            return new FakeSession(sessionId, when, s3Key, durationSeconds, athleteId, assessmentId, exerciseId, sessionName);
        }

        /** The same recording by another athlete: its key moves with it, as the vendor files keys by athlete. */
        public FakeSession withAthlete(String athlete) {
            String key = s3Key.replace("/" + athleteId + "/", "/" + athlete + "/");
            return new FakeSession(sessionId, recordedAt, key, durationSeconds, athlete, assessmentId, exerciseId, sessionName);
        }
    }

    /**
     * A table in the order the API scans it. Positions run from 0 to size()-1; {@code at} answers
     * null for a position whose record is deleted or filtered out. A scan sees the data as it was
     * when the scan was made, so one page is always consistent.
     */
    public interface Scan<T> {
        long size();

        T at(long position);
    }

    /**
     * The test edits, replaced as a whole on every change so readers never see half an edit.
     * {@code inserted} places some added sessions inside the scan ({@link #insertSessions}); the
     * other added sessions come after the generated ones.
     */
    private record Overlay(List<FakeAthlete> athletes, Set<String> deletedAthletes, Map<Long, FakeSession> replaced,
                           List<FakeSession> added, Set<Long> deleted, ScanInserts inserted, Set<String> unlisted) {}

    private final FakeGenerator generator;
    private final FakeIds.ScanOrder sessionOrder, athleteOrder, exerciseOrder, assessmentOrder;
    private volatile Overlay overlay;
    /** Exercises renamed upstream since generation, by id. */
    private volatile Map<String, String> exerciseNames = Map.of();
    /** Assessments renamed upstream since generation, by id. */
    private volatile Map<String, String> assessmentNames = Map.of();

    private FakeOrganisation(FakeGenerator generator) {
        this.generator = generator;
        long seed = generator.seed;
        this.sessionOrder = FakeIds.ScanOrder.of(generator.sessionCount, seed, FakeIds.TAG_SESSION);
        this.athleteOrder = FakeIds.ScanOrder.of(generator.athletes.size(), seed, FakeIds.TAG_ATHLETE);
        this.exerciseOrder = FakeIds.ScanOrder.of(generator.exercises.size(), seed, FakeIds.TAG_EXERCISE);
        this.assessmentOrder = FakeIds.ScanOrder.of(generator.assessmentCount(), seed, FakeIds.TAG_ASSESSMENT);
        this.overlay = new Overlay(generator.athletes, Set.of(), Map.of(), List.of(), Set.of(), ScanInserts.NONE, Set.of());
    }

    /** Data that ends at the start of the current UTC day, so it is stable for a whole day. */
    public static FakeOrganisation generate(long seed, int athletes, int sessions) {
        return generate(seed, athletes, sessions, LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Sessions fall in the year before {@code endsAt}; the same arguments give the same data. */
    public static FakeOrganisation generate(long seed, int athletes, int sessions, Instant endsAt) {
        return new FakeOrganisation(new FakeGenerator(seed, athletes, sessions, endsAt));
    }

    public long seed() {
        return generator.seed;
    }

    public Instant endsAt() {
        return generator.endsAt;
    }

    /** The organisation's id, the first part of every s3Key. */
    public String organisationId() {
        return generator.organisationId;
    }

    // ---- reading, in generation order ----

    public List<FakeAthlete> athletes() {
        Overlay now = overlay;
        return now.athletes.stream().filter(a -> !now.deletedAthletes.contains(a.athleteId()) && !now.unlisted.contains(a.athleteId())).toList();
    }

    public Optional<FakeAthlete> athlete(String athleteId) {
        return athletes().stream().filter(a -> a.athleteId().equals(athleteId)).findFirst();
    }

    public List<FakeExercise> exercises() {
        return generator.exercises.stream().map(this::named).toList();
    }

    private FakeExercise named(FakeExercise exercise) {
        String name = exerciseNames.get(exercise.exerciseId());
        return name == null ? exercise : new FakeExercise(exercise.exerciseId(), name);
    }

    private FakeAssessment named(FakeAssessment assessment) {
        String name = assessmentNames.get(assessment.assessmentId());
        return name == null ? assessment
                : new FakeAssessment(assessment.assessmentId(), name, assessment.athleteId(), assessment.recordedAt(), assessment.exerciseIds());
    }

    public List<FakeAssessment> assessments() {
        Overlay now = overlay;
        List<FakeAssessment> list = new ArrayList<>();
        for (long n = 0; n < generator.assessmentCount(); n++) {
            FakeAssessment assessment = named(generator.assessment(n));
            if (!now.deletedAthletes.contains(assessment.athleteId())) list.add(assessment);
        }
        return list;
    }

    /** Every visible session; with a million sessions, prefer {@link #scanSessions}. */
    public List<FakeSession> sessions() {
        return sessionsOf(null);
    }

    /** One athlete's sessions (empty for an unknown athlete); null means every athlete. */
    public List<FakeSession> sessionsOf(String athleteId) {
        Overlay now = overlay;
        int athleteIndex = athleteId == null ? -1 : generator.athleteIndex(athleteId);
        List<FakeSession> list = new ArrayList<>();
        for (long index = 0; index < total(now); index++) {
            FakeSession session = visible(now, index, athleteId, athleteIndex);
            if (session != null) list.add(session);
        }
        return list;
    }

    public Optional<FakeSession> session(String sessionId) {
        Overlay now = overlay;
        long index = indexOf(now, sessionId);
        return Optional.ofNullable(index < 0 ? null : visible(now, index, null, -1));
    }

    public long sessionCount() {
        Overlay now = overlay;
        if (now.deletedAthletes.isEmpty()) return total(now) - now.deleted.size();
        long count = 0;
        for (long index = 0; index < total(now); index++) if (visible(now, index, null, -1) != null) count++;
        return count;
    }

    // ---- scanning, in the API's order (what the server pages through) ----

    /**
     * Sessions in scan order, optionally of one athlete (null or blank: all). Sessions from
     * {@link #insertSessions} sit inside the scan, those from {@link #addSessions} come last.
     */
    public Scan<FakeSession> scanSessions(String athleteId) {
        Overlay now = overlay;
        String filter = athleteId == null || athleteId.isBlank() ? null : athleteId;
        int athleteIndex = filter == null ? -1 : generator.athleteIndex(filter);
        long size = total(now);
        long inScan = generator.sessionCount + now.inserted.size();
        long[] appended = LongStream.range(generator.sessionCount, size).filter(i -> !now.inserted.contains(i)).toArray();
        return scan(size, position -> {
            long index;
            if (position >= inScan) {
                index = appended[(int) (position - inScan)];
            } else {
                ScanInserts.Slot slot = now.inserted.at(position);
                index = slot.inserted() ? slot.index() : sessionOrder.indexAt(slot.index());
            }
            return visible(now, index, filter, athleteIndex);
        });
    }

    public Scan<FakeAthlete> scanAthletes() {
        Overlay now = overlay;
        int generated = generator.athletes.size();
        return scan(now.athletes.size(), position -> {
            FakeAthlete athlete = now.athletes.get((int) (position < generated ? athleteOrder.indexAt(position) : position));
            return now.deletedAthletes.contains(athlete.athleteId()) || now.unlisted.contains(athlete.athleteId()) ? null : athlete;
        });
    }

    public Scan<FakeExercise> scanExercises() {
        return scan(generator.exercises.size(), position -> named(generator.exercises.get((int) exerciseOrder.indexAt(position))));
    }

    public Scan<FakeAssessment> scanAssessments() {
        Overlay now = overlay;
        return scan(generator.assessmentCount(), position -> {
            FakeAssessment assessment = named(generator.assessment(assessmentOrder.indexAt(position)));
            return now.deletedAthletes.contains(assessment.athleteId()) ? null : assessment;
        });
    }

    // ---- test edits: visible to every request that starts after the call returns ----

    /** New standalone sessions, recorded one minute apart after {@link #endsAt}, by athletes that still exist. */
    public synchronized List<FakeSession> addSessions(int count) {
        return append(count, List.of());
    }

    /**
     * New sessions as {@link #insertSessions} makes them, recorded by the given athletes in turn:
     * athletes added, unlisted, or known to no list at all (the API does not promise that /athletes
     * lists every session's athlete). Sessions of a deleted athlete are not shown.
     */
    public synchronized List<FakeSession> insertSessionsOf(List<String> athleteIds, int count) {
        if (athleteIds.isEmpty()) throw new IllegalArgumentException("no athletes to record the sessions");
        return insert(count, athleteIds);
    }

    /** {@code count} sessions after the others, by {@code athleteIds} in turn, or by generated athletes when it is empty. */
    private List<FakeSession> append(int count, List<String> athleteIds) {
        Overlay now = overlay;
        if (count > 0 && athleteIds.isEmpty() && athletes().stream().noneMatch(a -> generator.athleteIndex(a.athleteId()) >= 0)) {
            throw new IllegalStateException("no generated athlete left to record new sessions");
        }
        List<FakeSession> made = new ArrayList<>();
        List<FakeSession> added = new ArrayList<>(now.added);
        for (int i = 0; i < count; i++) {
            long index = total(now) + i;
            Instant when = generator.endsAt.plusSeconds(60L * (now.added.size() + i + 1));
            FakeSession session = generator.standalone(index, when, a -> !athleteIds.isEmpty()
                    || !now.deletedAthletes.contains(generator.athletes.get(a).athleteId()));
            made.add(athleteIds.isEmpty() ? session : session.withAthlete(athleteIds.get(i % athleteIds.size())));
        }
        added.addAll(made);
        overlay = new Overlay(now.athletes, now.deletedAthletes, now.replaced, List.copyOf(added), now.deleted, now.inserted, now.unlisted);
        return made;
    }

    /**
     * New sessions as {@link #addSessions} makes them, but spread evenly across the scan, the way a
     * key-value store places new keys: some land behind the cursor of a pass already under way.
     * Records after each one move one position on, so a continuation token taken before now
     * repeats a record it already gave rather than skipping one.
     */
    public synchronized List<FakeSession> insertSessions(int count) {
        return insert(count, List.of());
    }

    private List<FakeSession> insert(int count, List<String> athleteIds) {
        int before = overlay.added.size();
        List<FakeSession> made = append(count, athleteIds);
        Overlay now = overlay;
        ScanInserts inserted = now.inserted;
        for (int i = 0; i < count; i++) {
            inserted = inserted.with(generator.sessionCount * (i + 1) / (count + 1), generator.sessionCount + before + i);
        }
        overlay = new Overlay(now.athletes, now.deletedAthletes, now.replaced, now.added, now.deleted, inserted, now.unlisted);
        return made;
    }

    /**
     * {@code count} sessions, each by a new athlete /athletes does not list, spread through the
     * scan ({@link #insertSessionsOf}): what only a pass over the whole organisation finds.
     */
    public synchronized List<FakeSession> addUnlistedSessions(int count) {
        if (count == 0) return List.of();
        List<String> unlisted = addAthletes(count).stream().map(FakeAthlete::athleteId).toList();
        unlisted.forEach(this::unlistAthlete);
        return insertSessionsOf(unlisted, count);
    }

    /** Replaces a session with what {@code change} makes of it; the id must stay the same. */
    public synchronized FakeSession updateSession(String sessionId, UnaryOperator<FakeSession> change) {
        Overlay now = overlay;
        long index = requireSession(now, sessionId);
        FakeSession updated = change.apply(visible(now, index, null, -1));
        if (!updated.sessionId().equals(sessionId)) throw new IllegalArgumentException("a session's id cannot change");
        if (index >= generator.sessionCount) {
            List<FakeSession> added = new ArrayList<>(now.added);
            added.set((int) (index - generator.sessionCount), updated);
            overlay = new Overlay(now.athletes, now.deletedAthletes, now.replaced, List.copyOf(added), now.deleted, now.inserted, now.unlisted);
        } else {
            Map<Long, FakeSession> replaced = new HashMap<>(now.replaced);
            replaced.put(index, updated);
            overlay = new Overlay(now.athletes, now.deletedAthletes, Map.copyOf(replaced), now.added, now.deleted, now.inserted, now.unlisted);
        }
        return updated;
    }

    /** Deletes a session and returns it; {@link #restoreSession} brings it back. */
    public synchronized FakeSession deleteSession(String sessionId) {
        Overlay now = overlay;
        long index = requireSession(now, sessionId);
        FakeSession session = visible(now, index, null, -1);
        Set<Long> deleted = new HashSet<>(now.deleted);
        deleted.add(index);
        overlay = new Overlay(now.athletes, now.deletedAthletes, now.replaced, now.added, Set.copyOf(deleted), now.inserted, now.unlisted);
        return session;
    }

    public synchronized FakeSession restoreSession(String sessionId) {
        Overlay now = overlay;
        long index = indexOf(now, sessionId);
        if (index < 0 || !now.deleted.contains(index)) throw new NoSuchElementException("no deleted session " + sessionId);
        Set<Long> deleted = new HashSet<>(now.deleted);
        deleted.remove(index);
        overlay = new Overlay(now.athletes, now.deletedAthletes, now.replaced, now.added, Set.copyOf(deleted), now.inserted, now.unlisted);
        return visible(overlay, index, null, -1);
    }

    /**
     * Takes an athlete off the /athletes list while their sessions and assessments stay: the API
     * does not promise that every session's athlete is listed.
     */
    public synchronized FakeAthlete unlistAthlete(String athleteId) {
        Overlay now = overlay;
        FakeAthlete athlete = athlete(athleteId).orElseThrow(() -> new NoSuchElementException("no athlete " + athleteId));
        Set<String> unlisted = new HashSet<>(now.unlisted);
        unlisted.add(athleteId);
        overlay = new Overlay(now.athletes, now.deletedAthletes, now.replaced, now.added, now.deleted, now.inserted, Set.copyOf(unlisted));
        return athlete;
    }

    /** Gives an exercise another name; its sessions keep theirs (SessionName), as recorded. */
    public synchronized FakeExercise renameExercise(String exerciseId, String name) {
        FakeExercise exercise = generator.exercises.stream().filter(e -> e.exerciseId().equals(exerciseId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no exercise " + exerciseId));
        Map<String, String> names = new HashMap<>(exerciseNames);
        names.put(exerciseId, name);
        exerciseNames = Map.copyOf(names);
        return named(exercise);
    }

    /** Gives an assessment another name. */
    public synchronized FakeAssessment renameAssessment(String assessmentId, String name) {
        FakeAssessment assessment = assessments().stream().filter(a -> a.assessmentId().equals(assessmentId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no assessment " + assessmentId));
        Map<String, String> names = new HashMap<>(assessmentNames);
        names.put(assessmentId, name);
        assessmentNames = Map.copyOf(names);
        return named(assessment);
    }

    /** Removes an athlete together with their sessions and assessments. */
    public synchronized FakeAthlete deleteAthlete(String athleteId) {
        Overlay now = overlay;
        FakeAthlete athlete = athlete(athleteId).orElseThrow(() -> new NoSuchElementException("no athlete " + athleteId));
        Set<String> gone = new HashSet<>(now.deletedAthletes);
        gone.add(athleteId);
        overlay = new Overlay(now.athletes, Set.copyOf(gone), now.replaced, now.added, now.deleted, now.inserted, now.unlisted);
        return athlete;
    }

    public synchronized FakeAthlete updateAthlete(String athleteId, UnaryOperator<FakeAthlete> change) {
        Overlay now = overlay;
        FakeAthlete current = athlete(athleteId).orElseThrow(() -> new NoSuchElementException("no athlete " + athleteId));
        FakeAthlete updated = change.apply(current);
        if (!updated.athleteId().equals(athleteId)) throw new IllegalArgumentException("an athlete's id cannot change");
        List<FakeAthlete> athletes = new ArrayList<>(now.athletes);
        athletes.set(athletes.indexOf(current), updated);
        overlay = new Overlay(List.copyOf(athletes), now.deletedAthletes, now.replaced, now.added, now.deleted, now.inserted, now.unlisted);
        return updated;
    }

    /** New athletes created after {@link #endsAt}; they have no sessions until a test gives them some. */
    public synchronized List<FakeAthlete> addAthletes(int count) {
        Overlay now = overlay;
        Set<String> emails = new HashSet<>();
        now.athletes.forEach(a -> emails.add(a.email()));
        List<FakeAthlete> athletes = new ArrayList<>(now.athletes);
        List<FakeAthlete> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = athletes.size();
            Instant created = generator.endsAt.plusSeconds(60L * (index - generator.athletes.size() + 1));
            FakeAthlete athlete = generator.athlete(index, generator.athleteRandom(index), created, emails);
            athletes.add(athlete);
            made.add(athlete);
        }
        overlay = new Overlay(List.copyOf(athletes), now.deletedAthletes, now.replaced, now.added, now.deleted, now.inserted, now.unlisted);
        return made;
    }

    // ---- internals ----

    private long total(Overlay now) {
        return generator.sessionCount + now.added.size();
    }

    /**
     * The session at an index as the API currently shows it, or null when it is deleted, belongs
     * to a deleted athlete, or is not the filtered athlete's. The filter first asks the generator
     * for the athlete alone, which keeps an athleteID scan of a million sessions cheap.
     */
    private FakeSession visible(Overlay now, long index, String athleteId, int athleteIndex) {
        if (!now.deleted.isEmpty() && now.deleted.contains(index)) return null;
        FakeSession session = index >= generator.sessionCount
                ? now.added.get((int) (index - generator.sessionCount)) : now.replaced.get(index);
        if (session == null) {
            if (athleteId != null && (athleteIndex < 0 || generator.athleteOf(index) != athleteIndex)) return null;
            session = generator.session(index);
        }
        if (athleteId != null && !athleteId.equals(session.athleteId())) return null;
        if (!now.deletedAthletes.isEmpty() && now.deletedAthletes.contains(session.athleteId())) return null;
        return session;
    }

    private long indexOf(Overlay now, String sessionId) {
        long index = FakeIds.indexOf(sessionId, generator.seed, FakeIds.TAG_SESSION);
        return index < total(now) ? index : -1;
    }

    private long requireSession(Overlay now, String sessionId) {
        long index = indexOf(now, sessionId);
        if (index < 0 || visible(now, index, null, -1) == null) throw new NoSuchElementException("no session " + sessionId);
        return index;
    }

    private static <T> Scan<T> scan(long size, LongFunction<T> at) {
        return new Scan<>() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public T at(long position) {
                return at.apply(position);
            }
        };
    }
}
