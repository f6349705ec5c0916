//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import valor.fake.FakeOrganisation.FakeAssessment;
import valor.fake.FakeOrganisation.FakeAthlete;
import valor.fake.FakeOrganisation.FakeExercise;
import valor.fake.FakeOrganisation.FakeSession;

/**
 * How the fake API spells its JSON. The real API's exact keys and formats are not public, so the
 * fake can speak every plausible variant and a client can be tested against each of them.
 * {@link #DEFAULT} is the best guess: PascalCase keys, ISO dates with Z, the body as a JSON string,
 * and the string "null" as the last page's token (what the vendor's own examples compare with).
 */
public record FakeShape(Keys keys, Dates dates, Durations durations, Body body, LastToken lastToken,
                        String extraFieldName, String extraFieldValue) {

    public static final FakeShape DEFAULT =
            new FakeShape(Keys.PASCAL, Dates.ISO_Z, Durations.NUMBER, Body.STRING, LastToken.STRING_NULL, null, null);

    public enum Keys { PASCAL, CAMEL, SNAKE, SPACED }

    public enum Dates {
        /** 2026-03-01T10:15:30.123Z */
        ISO_Z('T', true, 0, "Z"),
        /** 2026-03-01 10:15:30, meaning UTC */
        SPACE(' ', false, 0, ""),
        /** 2026-03-01T12:15:30+02:00, the same instant seen from another zone */
        OFFSET('T', false, 2 * 3600, "+02:00"),
        /** 2026-03-01T10:15:30, meaning UTC */
        ISO_NO_ZONE('T', false, 0, "");

        private final char separator;
        private final boolean millis;
        private final int offsetSeconds;
        private final String suffix;

        Dates(char separator, boolean millis, int offsetSeconds, String suffix) {
            this.separator = separator;
            this.millis = millis;
            this.offsetSeconds = offsetSeconds;
            this.suffix = suffix;
        }

        /** Hand-rolled: DateTimeFormatter prints fractions through BigDecimal, a hot spot at a million dates. */
        public String format(Instant instant) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond() + offsetSeconds, instant.getNano(), ZoneOffset.UTC);
            StringBuilder text = new StringBuilder(29);
            pad(text, t.getYear(), 4).append('-');
            pad(text, t.getMonthValue(), 2).append('-');
            pad(text, t.getDayOfMonth(), 2).append(separator);
            pad(text, t.getHour(), 2).append(':');
            pad(text, t.getMinute(), 2).append(':');
            pad(text, t.getSecond(), 2);
            if (millis) pad(text.append('.'), t.getNano() / 1_000_000, 3);
            return text.append(suffix).toString();
        }

        private static StringBuilder pad(StringBuilder text, int value, int width) {
            String digits = Integer.toString(value);
            for (int i = digits.length(); i < width; i++) text.append('0');
            return text.append(digits);
        }
    }

    public enum Durations { NUMBER, STRING }

    /** STRING: body is a JSON-encoded string holding the array (as the docs' json.loads implies). */
    public enum Body { STRING, ARRAY }

    /** What the last page carries as its continuation token. */
    public enum LastToken { STRING_NULL, JSON_NULL, MISSING, EMPTY }

    /** Every key the fake writes, spelled in each key style. */
    public enum Field {
        SESSION_ID("SessionID", "sessionId", "session_id", "Session ID"),
        DATE("Date", "date", "date", "Date"),
        S3_KEY("s3Key", "s3Key", "s3_key", "s3Key"),
        DURATION("Duration", "duration", "duration", "Duration"),
        ATHLETE_ID("AthleteID", "athleteId", "athlete_id", "Athlete ID"),
        ASSESSMENT_ID("AssessmentID", "assessmentId", "assessment_id", "Assessment ID"),
        EXERCISE_ID("ExerciseID", "exerciseId", "exercise_id", "Exercise ID"),
        SESSION_NAME("SessionName", "sessionName", "session_name", "Session Name"),
        FIRST_NAME("FirstName", "firstName", "first_name", "First Name"),
        LAST_NAME("LastName", "lastName", "last_name", "Last Name"),
        EMAIL("Email", "email", "email", "Email"),
        CREATED_DATE("CreatedDate", "createdDate", "created_date", "Created Date"),
        NAME("Name", "name", "name", "Name");

        private final String[] spellings;

        Field(String... spellings) {
            this.spellings = spellings;
        }
    }

    public FakeShape withKeys(Keys value) {
        return new FakeShape(value, dates, durations, body, lastToken, extraFieldName, extraFieldValue);
    }

    public FakeShape withDates(Dates value) {
        return new FakeShape(keys, value, durations, body, lastToken, extraFieldName, extraFieldValue);
    }

    public FakeShape withDurations(Durations value) {
        return new FakeShape(keys, dates, value, body, lastToken, extraFieldName, extraFieldValue);
    }

    public FakeShape withBody(Body value) {
        return new FakeShape(keys, dates, durations, value, lastToken, extraFieldName, extraFieldValue);
    }

    public FakeShape withLastToken(LastToken value) {
        return new FakeShape(keys, dates, durations, body, value, extraFieldName, extraFieldValue);
    }

    /** Adds a field no client knows to every record, so clients can prove they keep unknown fields. */
    public FakeShape withExtraField(String name, String value) {
        return new FakeShape(keys, dates, durations, body, lastToken, name, value);
    }

    public String key(Field field) {
        return field.spellings[keys.ordinal()];
    }

    public void writeSession(JsonGenerator json, FakeSession session) throws IOException {
        json.writeStartObject();
        json.writeStringField(key(Field.SESSION_ID), session.sessionId());
        json.writeStringField(key(Field.DATE), dates.format(session.recordedAt()));
        json.writeStringField(key(Field.S3_KEY), session.s3Key());
        json.writeFieldName(key(Field.DURATION));
        if (durations == Durations.STRING) json.writeString(Double.toString(session.durationSeconds()));
        else json.writeNumber(session.durationSeconds());
        json.writeStringField(key(Field.ATHLETE_ID), session.athleteId());
        json.writeStringField(key(Field.ASSESSMENT_ID), session.standalone() ? FakeSession.STANDALONE : session.assessmentId());
        json.writeStringField(key(Field.EXERCISE_ID), session.exerciseId());
        json.writeStringField(key(Field.SESSION_NAME), session.sessionName());
        writeExtraField(json);
        json.writeEndObject();
    }

    public void writeAthlete(JsonGenerator json, FakeAthlete athlete) throws IOException {
        json.writeStartObject();
        json.writeStringField(key(Field.ATHLETE_ID), athlete.athleteId());
        json.writeStringField(key(Field.FIRST_NAME), athlete.firstName());
        json.writeStringField(key(Field.LAST_NAME), athlete.lastName());
        json.writeStringField(key(Field.EMAIL), athlete.email());
        json.writeStringField(key(Field.CREATED_DATE), dates.format(athlete.createdAt()));
        writeExtraField(json);
        json.writeEndObject();
    }

    public void writeExercise(JsonGenerator json, FakeExercise exercise) throws IOException {
        json.writeStartObject();
        json.writeStringField(key(Field.EXERCISE_ID), exercise.exerciseId());
        json.writeStringField(key(Field.NAME), exercise.name());
        writeExtraField(json);
        json.writeEndObject();
    }

    public void writeAssessment(JsonGenerator json, FakeAssessment assessment) throws IOException {
        json.writeStartObject();
        json.writeStringField(key(Field.ASSESSMENT_ID), assessment.assessmentId());
        json.writeStringField(key(Field.NAME), assessment.name());
        json.writeStringField(key(Field.ATHLETE_ID), assessment.athleteId());
        json.writeStringField(key(Field.DATE), dates.format(assessment.recordedAt()));
        writeExtraField(json);
        json.writeEndObject();
    }

    /** The continuation token of the last page, in this shape's style. */
    public void writeLastToken(JsonGenerator json, String fieldName) throws IOException {
        switch (lastToken) {
            case STRING_NULL -> json.writeStringField(fieldName, "null");
            case JSON_NULL -> json.writeNullField(fieldName);
            case EMPTY -> json.writeStringField(fieldName, "");
            case MISSING -> { }
        }
    }

    private void writeExtraField(JsonGenerator json) throws IOException {
        if (extraFieldName != null) json.writeStringField(extraFieldName, extraFieldValue);
    }
}
