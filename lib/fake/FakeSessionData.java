//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import valor.fake.FakeOrganisation.FakeSession;

/**
 * What the fake API's /reportData and /ikData say about a session, derived from the seed and the
 * session alone (athlete, exercise, date, s3Key), so the same session always gets the same
 * payload and a session whose s3Key changes gets new data, as a reprocessed recording would.
 * <p>
 * Report metrics follow an athlete's ability and side asymmetry per metric, a slow trend over the
 * year and session noise, scored against the exercise's norm (0.0, 0.5 or 1.0). The joint-angle
 * series are smooth repetitions at 60 Hz with their exact derivatives as velocity and
 * acceleration, angles near 0° at rest except shoulder abduction (5°), as the vendor calibrates.
 * A series covers the session's duration, capped at {@value #MAX_SAMPLES} samples (one minute),
 * so one response stays under about 1.3 MB and 20 ms of work however long the session and however
 * large the organisation; the cap is the fake's, not the toolkit's (the demo's is lower still).
 */
public final class FakeSessionData {
    static final int SAMPLE_RATE_HZ = 60;
    public static final int MAX_SAMPLES = 60 * SAMPLE_RATE_HZ;
    public static final List<String> JOINTS = List.of(
            "waist_flexion", "waist_rotation", "waist_lateral_flexion",
            "left_hip_flexion", "right_hip_flexion", "left_hip_abduction", "right_hip_abduction",
            "left_knee_flexion", "right_knee_flexion", "left_ankle_dorsiflexion", "right_ankle_dorsiflexion",
            "left_shoulder_flexion", "right_shoulder_flexion", "left_shoulder_abduction", "right_shoulder_abduction",
            "left_elbow_flexion", "right_elbow_flexion");

    private static final long TAG_EXERCISE_METRICS = 20, TAG_ABILITY = 21, TAG_SESSION_NOISE = 22, TAG_MOTION = 23,
            TAG_JOINT = 24;
    private static final double YEAR_SECONDS = 365.0 * 86_400;

    /** A metric the vendor reports: its name exactly as the API spells it, sides and the range its norms fall in. */
    private record Metric(String group, String name, List<String> sides, double normLow, double normHigh, boolean always) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("Ang", "Knee Flex. (°)", List.of("L", "R"), 95, 130, true),
            new Metric("Ang", "Hip Flex. (°)", List.of("L", "R"), 70, 115, false),
            new Metric("Ang", "Hip Abd. (°)", List.of("L", "R"), 25, 45, false),
            new Metric("Ang", "Ankle DF (°)", List.of("L", "R"), 20, 40, false),
            new Metric("Ang", "Shoulder Flex. (°)", List.of("L", "R"), 140, 175, false),
            new Metric("Ang", "Shoulder Abd. (°)", List.of("L", "R"), 120, 170, false),
            new Metric("Ang", "Elbow Flex. (°)", List.of("L", "R"), 120, 145, false),
            new Metric("Ang", "Trunk Flex. (°)", List.of("F", "B"), 40, 80, false),
            new Metric("Ang", "Trunk Rot. (°)", List.of("L", "R"), 30, 60, false),
            new Metric("Vel", "Knee Flex. Vel. (°/s)", List.of("L", "R"), 250, 500, true),
            new Metric("Vel", "Hip Flex. Vel. (°/s)", List.of("L", "R"), 200, 450, false),
            new Metric("Vel", "Trunk Rot. Vel. (°/s)", List.of("L", "R"), 150, 350, false));

    private FakeSessionData() {}

    // ---- /reportData ----

    /** Writes the report object (the envelope's body) for a session. */
    static void writeReport(JsonGenerator json, FakeShape shape, FakeOrganisation org, FakeSession session) throws IOException {
        SplittableRandom noise = random(org, TAG_SESSION_NOISE, session.s3Key());
        double trend = trend(org, session);
        json.writeStartObject();
        json.writeObjectFieldStart("WorkoutMetrics");
        String openGroup = null;
        for (int m = 0; m < METRICS.size(); m++) {
            Metric metric = METRICS.get(m);
            SplittableRandom exercise = random(org, TAG_EXERCISE_METRICS, session.exerciseId() + "|" + m);
            boolean reported = metric.always() || exercise.nextInt(2) == 0;
            boolean groupReported = metric.group().equals("Ang") || random(org, TAG_EXERCISE_METRICS, session.exerciseId()).nextInt(2) == 0;
            if (!reported || !groupReported) continue;
            if (!metric.group().equals(openGroup)) {
                if (openGroup != null) json.writeEndObject();
                json.writeObjectFieldStart(metric.group());
                openGroup = metric.group();
            }
            double norm = metric.normLow() + (metric.normHigh() - metric.normLow()) * exercise.nextDouble();
            SplittableRandom athlete = random(org, TAG_ABILITY, session.athleteId() + "|" + m);
            double ability = 1 + 0.08 * gaussian(athlete);
            double asymmetry = 0.06 * gaussian(athlete);
            json.writeObjectFieldStart(metric.name());
            for (int s = 0; s < metric.sides().size(); s++) {
                // Left/right differ by the athlete's asymmetry; backward trunk flexion is a fraction of forward.
                String side = metric.sides().get(s);
                double sideFactor = side.equals("B") ? 0.35 : side.equals("F") ? 1 : s == 0 ? 1 + asymmetry / 2 : 1 - asymmetry / 2;
                double avgMax = round(norm * ability * sideFactor * trend * (1 + 0.03 * gaussian(noise)), 1);
                double ratio = avgMax / norm;
                json.writeObjectFieldStart(side);
                json.writeNumberField(fieldName(shape, "AvgMax"), avgMax);
                if (metric.group().equals("Vel")) json.writeNumberField(fieldName(shape, "Max"), round(avgMax * (1.03 + 0.1 * noise.nextDouble()), 1));
                json.writeNumberField(fieldName(shape, "Score"), ratio >= 0.97 ? 1.0 : ratio >= 0.88 ? 0.5 : 0.0);
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        if (openGroup != null) json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Each athlete drifts by up to a few percent over the year, most of them upwards. */
    private static double trend(FakeOrganisation org, FakeSession session) {
        double slope = -0.03 + 0.09 * random(org, TAG_ABILITY, session.athleteId()).nextDouble();
        double age = Duration.between(session.recordedAt(), org.endsAt()).toSeconds() / YEAR_SECONDS;
        return 1 + slope * (1 - Math.min(1, Math.max(0, age)));
    }

    /** The report's field names in the shape's key style (metric names and sides never change). */
    private static String fieldName(FakeShape shape, String pascal) {
        return switch (shape.keys()) {
            case PASCAL -> pascal;
            case CAMEL -> Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
            case SNAKE -> pascal.equals("AvgMax") ? "avg_max" : pascal.toLowerCase(java.util.Locale.ROOT);
            case SPACED -> pascal.equals("AvgMax") ? "Avg Max" : pascal;
        };
    }

    // ---- /ikData ----

    static int samples(FakeSession session, int maxSamples) {
        return (int) Math.max(2, Math.min(maxSamples, Math.round(session.durationSeconds() * SAMPLE_RATE_HZ)));
    }

    /**
     * Writes the IK object (the envelope's body) for a session: {@code time}, then per joint its
     * angle, {@code _vel} and {@code _acc} arrays. {@code quote} is {@code "} for an object body
     * and {@code \"} when the object is itself inside a JSON string; nothing else needs escaping.
     * The series covers the session's first {@code maxSamples} samples at most.
     */
    static void writeIk(FakeJsonBytes out, String quote, FakeOrganisation org, FakeSession session, int maxSamples) {
        int n = samples(session, maxSamples);
        SplittableRandom motion = random(org, TAG_MOTION, session.s3Key());
        double omega = 2 * Math.PI * (0.25 + 0.35 * motion.nextDouble());
        out.ascii("{").ascii(quote).ascii("time").ascii(quote).ascii(":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) out.ascii(",");
            out.decimal(Math.round(i * 10_000.0 / SAMPLE_RATE_HZ), 4);
        }
        out.ascii("]");
        double[] angle = new double[n], velocity = new double[n], acceleration = new double[n];
        for (String joint : JOINTS) {
            jointMotion(random(org, TAG_JOINT, session.s3Key() + "|" + joint), joint, omega, angle, velocity, acceleration);
            array(out, quote, joint, angle, 2);
            array(out, quote, joint + "_vel", velocity, 2);
            array(out, quote, joint + "_acc", acceleration, 1);
        }
        out.ascii("}");
    }

    /** Repetitions of one movement plus a faster small wobble, with exact derivatives. */
    private static void jointMotion(SplittableRandom random, String joint, double omega, double[] angle, double[] velocity,
                                    double[] acceleration) {
        boolean rotation = joint.contains("rotation") || joint.contains("lateral"); // swings both ways around 0°
        boolean major = random.nextInt(3) > 0;
        double amplitude = major ? 20 + 90 * random.nextDouble() : 1 + 7 * random.nextDouble();
        if (rotation) amplitude = Math.min(amplitude, 60);
        double offset = joint.endsWith("shoulder_abduction") ? 5 : 0;
        double phase = 2 * Math.PI * random.nextDouble();
        double wobble = 0.3 + 1.5 * random.nextDouble();
        double wobbleOmega = 2 * Math.PI * (1.3 + 1.4 * random.nextDouble());
        double wobblePhase = 2 * Math.PI * random.nextDouble();
        double half = amplitude / 2;
        // sin and cos advanced by rotation, one sample at a time: exact enough for two decimals,
        // several times faster than calling Math.sin, and the same on every JVM.
        double stepCos = Math.cos(omega / SAMPLE_RATE_HZ), stepSin = Math.sin(omega / SAMPLE_RATE_HZ);
        double wobbleStepCos = Math.cos(wobbleOmega / SAMPLE_RATE_HZ), wobbleStepSin = Math.sin(wobbleOmega / SAMPLE_RATE_HZ);
        double sinA = Math.sin(phase), cosA = Math.cos(phase), sinW = Math.sin(wobblePhase), cosW = Math.cos(wobblePhase);
        for (int i = 0; i < angle.length; i++) {
            if (rotation) {
                angle[i] = offset + half * sinA + wobble * sinW;
                velocity[i] = half * omega * cosA + wobble * wobbleOmega * cosW;
                acceleration[i] = -half * omega * omega * sinA - wobble * wobbleOmega * wobbleOmega * sinW;
            } else {
                angle[i] = offset + half * (1 - cosA) + wobble * sinW;
                velocity[i] = half * omega * sinA + wobble * wobbleOmega * cosW;
                acceleration[i] = half * omega * omega * cosA - wobble * wobbleOmega * wobbleOmega * sinW;
            }
            double nextSinA = sinA * stepCos + cosA * stepSin, nextSinW = sinW * wobbleStepCos + cosW * wobbleStepSin;
            cosA = cosA * stepCos - sinA * stepSin;
            cosW = cosW * wobbleStepCos - sinW * wobbleStepSin;
            sinA = nextSinA;
            sinW = nextSinW;
        }
    }

    private static void array(FakeJsonBytes out, String quote, String name, double[] values, int decimals) {
        double scale = Math.pow(10, decimals);
        out.ascii(",").ascii(quote).ascii(name).ascii(quote).ascii(":[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) out.ascii(",");
            out.decimal(Math.round(values[i] * scale), decimals);
        }
        out.ascii("]");
    }

    // ---- randomness derived from the organisation's seed and a text ----

    private static SplittableRandom random(FakeOrganisation org, long tag, String text) {
        long hash = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) hash = 31 * hash + text.charAt(i);
        return FakeIds.random(org.seed(), tag, hash);
    }

    private static double gaussian(SplittableRandom random) {
        double u = Math.max(1e-12, random.nextDouble()), v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
