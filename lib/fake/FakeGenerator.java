package valor.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import valor.fake.FakeOrganisation.FakeAssessment;
import valor.fake.FakeOrganisation.FakeAthlete;
import valor.fake.FakeOrganisation.FakeExercise;
import valor.fake.FakeOrganisation.FakeSession;

/**
 * Derives the fake organisation's records from (seed, index) alone, so a million sessions cost
 * nothing until someone reads one. Session indexes come in blocks of {@value #BLOCK}: the first
 * sessions of a block are two assessment visits (3–6 sessions each, one athlete, one day), the
 * rest standalone recordings, which puts roughly 60% of sessions in assessments.
 */
final class FakeGenerator {
    static final int BLOCK = 15;
    private static final long DAY_MS = 86_400_000L, HOUR_MS = 3_600_000L;
    private static final long TAG_VISIT = 10, TAG_PERSON = 11;
    /** The exercise library is the vendor's, not the organisation's: its ids do not depend on the seed. */
    private static final long LIBRARY_SEED = 0x56414C4F52L;

    final long seed;
    final long sessionCount;
    final Instant endsAt;
    final String organisationId;
    final String emailDomain;
    final List<FakeAthlete> athletes;
    final List<FakeExercise> exercises;
    private final Map<String, Integer> athleteIndexById = new HashMap<>();
    /** How many days before endsAt each athlete has existed; sessions fall after that. */
    private final int[] athleteAgeDays;
    private final double[] cumulativeWeight;
    private final int[][] templateExercises;

    FakeGenerator(long seed, int athleteCount, long sessionCount, Instant endsAt) {
        if (athleteCount < 0 || sessionCount < 0) throw new IllegalArgumentException("counts must not be negative");
        if (sessionCount > 0 && athleteCount == 0) throw new IllegalArgumentException("sessions need at least one athlete");
        if (sessionCount > Integer.MAX_VALUE) throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " sessions");
        this.seed = seed;
        this.sessionCount = sessionCount;
        this.endsAt = endsAt;
        this.organisationId = FakeIds.uuid(seed, FakeIds.TAG_ORGANISATION, 0);
        this.emailDomain = FakeCatalog.CLUBS.get((int) Math.floorMod(seed, (long) FakeCatalog.CLUBS.size())) + ".example";
        this.exercises = library();
        this.templateExercises = templates(exercises);
        this.athleteAgeDays = new int[athleteCount];
        Set<String> emails = new HashSet<>();
        List<FakeAthlete> made = new ArrayList<>();
        for (int a = 0; a < athleteCount; a++) {
            SplittableRandom random = FakeIds.random(seed, TAG_PERSON, a);
            // The newest athlete has just been created and has not recorded anything yet, so
            // every organisation of two or more athletes has one with no sessions (the 404 path).
            boolean newest = athleteCount >= 2 && a == athleteCount - 1;
            athleteAgeDays[a] = newest ? 1 + random.nextInt(5) : 30 + random.nextInt(700);
            Instant created = endsAt.minusMillis(athleteAgeDays[a] * DAY_MS - random.nextLong(DAY_MS));
            made.add(athlete(a, random, created, emails));
            athleteIndexById.put(made.get(a).athleteId(), a);
        }
        this.athletes = List.copyOf(made);
        this.cumulativeWeight = activityWeights(athleteCount);
    }

    /** An athlete made from its index; also used for athletes added after generation. */
    FakeAthlete athlete(int index, SplittableRandom random, Instant createdAt, Set<String> takenEmails) {
        String first = pick(random, FakeCatalog.FIRST_NAMES);
        String last = pick(random, FakeCatalog.LAST_NAMES);
        String local = FakeCatalog.asciiFold(first) + "." + FakeCatalog.asciiFold(last);
        String email = local + "@" + emailDomain;
        for (int n = 2; !takenEmails.add(email); n++) email = local + n + "@" + emailDomain;
        return new FakeAthlete(FakeIds.uuid(seed, FakeIds.TAG_ATHLETE, index), first, last, email, createdAt);
    }

    SplittableRandom athleteRandom(int index) {
        return FakeIds.random(seed, TAG_PERSON, index);
    }

    /** Index of a generated athlete, or -1 (added athletes have no generated sessions). */
    int athleteIndex(String athleteId) {
        Integer index = athleteIndexById.get(athleteId);
        return index == null ? -1 : index;
    }

    long assessmentCount() {
        long fullBlocks = sessionCount / BLOCK;
        if (sessionCount % BLOCK == 0) return 2 * fullBlocks;
        Layout partial = layout(fullBlocks);
        return 2 * fullBlocks + (partial.size0 > 0 ? 1 : 0) + (partial.size1 > 0 ? 1 : 0);
    }

    FakeSession session(long index) {
        long block = index / BLOCK;
        int offset = (int) (index % BLOCK);
        Layout layout = layout(block);
        if (offset < layout.size0) return visitSession(2 * block, layout.template0, offset, index);
        if (offset < layout.size0 + layout.size1) return visitSession(2 * block + 1, layout.template1, offset - layout.size0, index);
        return standalone(index, null, a -> true);
    }

    /** The athlete of a generated session without building it: what the athleteID filter scans. */
    int athleteOf(long index) {
        long block = index / BLOCK;
        int offset = (int) (index % BLOCK);
        Layout layout = layout(block);
        if (offset < layout.size0) return pickAthlete(FakeIds.random(seed, TAG_VISIT, 2 * block));
        if (offset < layout.size0 + layout.size1) return pickAthlete(FakeIds.random(seed, TAG_VISIT, 2 * block + 1));
        return pickAthlete(FakeIds.random(seed, FakeIds.TAG_SOLO, index));
    }

    FakeAssessment assessment(long number) {
        Layout layout = layout(number / 2);
        int template = number % 2 == 0 ? layout.template0 : layout.template1;
        Visit visit = visit(number, template);
        List<String> exerciseIds = new ArrayList<>();
        for (int exercise : templateExercises[template]) exerciseIds.add(exercises.get(exercise).exerciseId());
        return new FakeAssessment(FakeIds.uuid(seed, FakeIds.TAG_ASSESSMENT, number), FakeCatalog.TEMPLATES.get(template).name(),
                athletes.get(visit.athlete).athleteId(), Instant.ofEpochMilli(visit.startMs[0]), List.copyOf(exerciseIds));
    }

    /**
     * A standalone recording. Generated ones draw their date; sessions added later pass the
     * moment they were "recorded" and which athletes may record (deleted ones may not).
     */
    FakeSession standalone(long index, Instant recordedAt, IntPredicate eligible) {
        SplittableRandom random = FakeIds.random(seed, FakeIds.TAG_SOLO, index);
        int athlete = pickAthlete(random);
        for (int tries = 0; !eligible.test(athlete); tries++) {
            athlete = tries < 50 ? pickAthlete(random) : (athlete + 1) % athletes.size();
        }
        long whenMs = pickStartMs(random, athlete);
        // Skewed so that a few exercises are popular and most are rare, as in real libraries.
        int exercise = (int) (exercises.size() * Math.pow(random.nextDouble(), 2));
        double u = random.nextDouble();
        double duration = Math.round((20 + 580 * u * u) * 10) / 10.0;
        String name = exercises.get(exercise).name();
        if (random.nextInt(100) < 8) name += pick(random, FakeCatalog.NAME_SUFFIXES);
        return session(index, recordedAt != null ? recordedAt : Instant.ofEpochMilli(whenMs), duration, athlete, null,
                exercises.get(exercise).exerciseId(), name);
    }

    private FakeSession visitSession(long number, int template, int position, long index) {
        Visit visit = visit(number, template);
        FakeExercise exercise = exercises.get(templateExercises[template][position]);
        return session(index, Instant.ofEpochMilli(visit.startMs[position]), visit.durations[position], visit.athlete,
                FakeIds.uuid(seed, FakeIds.TAG_ASSESSMENT, number), exercise.exerciseId(), exercise.name());
    }

    private FakeSession session(long index, Instant when, double duration, int athlete, String assessmentId,
                                String exerciseId, String name) {
        String sessionId = FakeIds.uuid(seed, FakeIds.TAG_SESSION, index);
        String athleteId = athletes.get(athlete).athleteId();
        String s3Key = organisationId + "/" + athleteId + "/" + sessionId + ".json";
        return new FakeSession(sessionId, when, s3Key, duration, athleteId, assessmentId, exerciseId, name);
    }

    /** One athlete recording each exercise of a template, one after another on one day. */
    private record Visit(int athlete, long[] startMs, double[] durations) {}

    private Visit visit(long number, int template) {
        SplittableRandom random = FakeIds.random(seed, TAG_VISIT, number);
        int athlete = pickAthlete(random);
        long at = pickStartMs(random, athlete);
        int size = templateExercises[template].length;
        long[] starts = new long[size];
        double[] durations = new double[size];
        for (int i = 0; i < size; i++) {
            starts[i] = at;
            durations[i] = Math.round((25 + 215 * random.nextDouble()) * 10) / 10.0;
            at += (long) (durations[i] * 1000) + 20_000 + random.nextLong(160_000);
        }
        return new Visit(athlete, starts, durations);
    }

    /** Which templates a block holds; a size is 0 when that visit does not fit in the last block. */
    private record Layout(int template0, int size0, int template1, int size1) {}

    private Layout layout(long block) {
        SplittableRandom random = FakeIds.random(seed, FakeIds.TAG_BLOCK, block);
        int t0 = random.nextInt(templateExercises.length), t1 = random.nextInt(templateExercises.length);
        long room = Math.min(BLOCK, sessionCount - block * BLOCK);
        int s0 = templateExercises[t0].length <= room ? templateExercises[t0].length : 0;
        int s1 = s0 > 0 && s0 + templateExercises[t1].length <= room ? templateExercises[t1].length : 0;
        return new Layout(t0, s0, t1, s1);
    }

    /** A moment during training hours (06–21 UTC) on one of the athlete's days in the last year. */
    private long pickStartMs(SplittableRandom random, int athlete) {
        int days = Math.max(1, Math.min(365, athleteAgeDays[athlete] - 1));
        long day = 1 + random.nextInt(days);
        return endsAt.toEpochMilli() - day * DAY_MS + 6 * HOUR_MS + random.nextLong(15 * HOUR_MS);
    }

    private int pickAthlete(SplittableRandom random) {
        double target = random.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
        int low = 0, high = cumulativeWeight.length - 1;
        while (low < high) { // first athlete whose cumulative weight exceeds the target
            int mid = (low + high) >>> 1;
            if (cumulativeWeight[mid] > target) high = mid;
            else low = mid + 1;
        }
        return low;
    }

    /** Zipf-like activity over a seeded ranking: a few busy athletes, a long tail of rare ones. */
    private double[] activityWeights(int count) {
        int[] rank = new int[count];
        for (int i = 0; i < count; i++) rank[i] = i;
        SplittableRandom random = FakeIds.random(seed, FakeIds.TAG_RANKS, 0);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = rank[i];
            rank[i] = rank[j];
            rank[j] = swap;
        }
        double[] cumulative = new double[Math.max(1, count)];
        double total = 0;
        for (int a = 0; a < count; a++) {
            boolean newest = count >= 2 && a == count - 1;
            total += newest ? 0 : 1.0 / (1 + rank[a]);
            cumulative[a] = total;
        }
        return cumulative;
    }

    private static List<FakeExercise> library() {
        List<FakeExercise> list = new ArrayList<>();
        for (int i = 0; i < FakeCatalog.EXERCISES.size(); i++) {
            list.add(new FakeExercise(FakeIds.uuid(LIBRARY_SEED, FakeIds.TAG_EXERCISE, i), FakeCatalog.EXERCISES.get(i)));
        }
        return List.copyOf(list);
    }

    private static int[][] templates(List<FakeExercise> library) {
        int[][] result = new int[FakeCatalog.TEMPLATES.size()][];
        for (int t = 0; t < result.length; t++) {
            List<String> names = FakeCatalog.TEMPLATES.get(t).exercises();
            result[t] = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                result[t][i] = FakeCatalog.EXERCISES.indexOf(names.get(i));
                if (result[t][i] < 0) throw new IllegalStateException("template exercise not in the library: " + names.get(i));
            }
        }
        return result;
    }

    private static <T> T pick(SplittableRandom random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
