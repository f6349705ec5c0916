package valor.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import valor.api.TolerantRecord;
import valor.api.TolerantValues;

/**
 * One kind of record the sync stores: its endpoint, its table, and how each typed column is read
 * from an API record. Key lists are normalised (see {@link TolerantRecord}), most specific first.
 */
public record Entity(String name, String endpoint, String table, String idColumn, List<String> idKeys,
                     List<Column> columns) {

    /** Bump when the way columns are read changes, so stored rows are re-read once. */
    static final int MAPPING_VERSION = 1;

    public static final String SINGLE_EXERCISE = "singleexercise";

    public static final Entity ATHLETES = new Entity("athletes", "athletes", "athletes", "athlete_id",
            List.of("athleteid", "userid", "id"),
            List.of(Column.text("first_name", "firstname", "givenname", "first"),
                    Column.text("last_name", "lastname", "surname", "familyname", "last"),
                    Column.text("email", "email", "emailaddress", "mail")));

    public static final Entity SESSIONS = new Entity("sessions", "sessions", "sessions", "session_id",
            List.of("sessionid", "id"),
            List.of(Column.timestamp("recorded_at", "date", "recordedat", "datetime", "sessiondate", "timestamp", "createdat", "starttime"),
                    Column.text("s3_key", "s3key", "s3"),
                    Column.number("duration_s", "duration", "durationseconds", "durations", "durationsec", "length"),
                    Column.text("athlete_id", "athleteid", "athlete"),
                    new Column("assessment_id", List.of("assessmentid", "assessment"), Entity::assessmentId, Types.VARCHAR),
                    new Column("single_exercise", List.of("assessmentid", "assessment"), Entity::singleExercise, Types.BOOLEAN),
                    Column.text("exercise_id", "exerciseid", "exercise"),
                    Column.text("session_name", "sessionname", "name", "exercisename")));

    public static final Entity EXERCISES = new Entity("exercises", "exercises", "exercises", "exercise_id",
            List.of("exerciseid", "id"),
            List.of(Column.text("name", "name", "exercisename", "title")));

    public static final Entity ASSESSMENTS = new Entity("assessments", "assessments", "assessments", "assessment_id",
            List.of("assessmentid", "id"),
            List.of(Column.text("name", "name", "assessmentname", "templatename", "title"),
                    Column.text("athlete_id", "athleteid", "athlete"),
                    Column.timestamp("assessed_at", "date", "assessedat", "recordedat", "createdat")));

    /** Reads one column's value from a record's field; the field is never null. */
    @FunctionalInterface
    public interface Reader {
        Object read(JsonNode value) throws TolerantValues.Unreadable;
    }

    /** @param sqlType the column's {@link Types} code, for binding a NULL */
    public record Column(String name, List<String> keys, Reader reader, int sqlType) {
        static Column text(String name, String... keys) {
            return new Column(name, List.of(keys), TolerantValues::text, Types.VARCHAR);
        }

        static Column number(String name, String... keys) {
            return new Column(name, List.of(keys), TolerantValues::number, Types.DOUBLE);
        }

        static Column timestamp(String name, String... keys) {
            return new Column(name, List.of(keys), TolerantValues::utcTimestamp, Types.TIMESTAMP);
        }
    }

    /** The id of a record, or null when it has none. */
    public String idOf(TolerantRecord record) {
        Map.Entry<String, JsonNode> field = record.find(idKeys);
        try {
            return field == null ? null : TolerantValues.text(field.getValue());
        } catch (TolerantValues.Unreadable e) {
            return null;
        }
    }

    /** The typed column values, in column order; what could not be read is told to the report and left null. */
    public Object[] valuesOf(TolerantRecord record, FieldReport report) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column column = columns.get(i);
            Map.Entry<String, JsonNode> field = record.find(column.keys());
            if (field == null) {
                report.missing(this, column);
                continue;
            }
            try {
                values[i] = column.reader().read(field.getValue());
            } catch (TolerantValues.Unreadable e) {
                report.unreadable(this, column, field.getKey(), e.getMessage());
            }
        }
        return values;
    }

    private static Object assessmentId(JsonNode value) throws TolerantValues.Unreadable {
        String id = TolerantValues.text(value);
        return id == null || TolerantRecord.normalise(id).equals(SINGLE_EXERCISE) ? null : id;
    }

    private static Object singleExercise(JsonNode value) throws TolerantValues.Unreadable {
        return assessmentId(value) == null;
    }
}
