package valor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import valor.api.TolerantRecord;
import valor.api.TolerantValues;
import valor.base.Json;
import valor.sync.Entity;
import valor.sync.FieldReport;

class TolerantParsingTest {
    private static final LocalDateTime UTC_10_15_30 = LocalDateTime.of(2026, 3, 1, 10, 15, 30);

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T10:15:30Z", "2026-03-01T10:15:30.000Z", "2026-03-01 10:15:30",
            "2026-03-01T10:15:30", "2026-03-01T12:15:30+02:00", "2026-03-01T05:15:30-0500", "2026-03-01 10:15:30 UTC",
            "2026-03-01T12:15:30+02", "1772360130", "1772360130000"})
    void everyDateFormNormalisesToTheSameUtcInstant(String text) throws Exception {
        assertEquals(UTC_10_15_30, TolerantValues.utcTimestamp(new TextNode(text)));
    }

    @Test
    void fractionsAndDateOnlyValuesAreKept() throws Exception {
        assertEquals(UTC_10_15_30.withNano(123_400_000), TolerantValues.utcTimestamp(new TextNode("2026-03-01T10:15:30.1234Z")));
        assertEquals(LocalDateTime.of(2026, 3, 1, 0, 0), TolerantValues.utcTimestamp(new TextNode("2026-03-01")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-13-01", "2026-02-30 10:00:00", "01/03/2026"})
    void unreadableDatesAreReportedNotGuessed(String text) {
        assertThrows(TolerantValues.Unreadable.class, () -> TolerantValues.utcTimestamp(new TextNode(text)));
    }

    @Test
    void numbersMayArriveAsStrings() throws Exception {
        assertEquals(93.4, TolerantValues.number(Json.parse("93.4")));
        assertEquals(93.4, TolerantValues.number(new TextNode(" 93.4 ")));
        assertNull(TolerantValues.number(new TextNode("")));
        assertThrows(TolerantValues.Unreadable.class, () -> TolerantValues.number(new TextNode("ninety")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"SessionID", "sessionId", "session_id", "Session ID", "session-id", "SESSIONID"})
    void keysMatchWhateverTheirSpelling(String key) throws Exception {
        TolerantRecord record = new TolerantRecord(Json.parse("{\"" + key + "\": \"s-1\"}"));
        assertEquals("s-1", Entity.SESSIONS.idOf(record));
    }

    @Test
    void aSessionIsReadIntoTypedColumnsAndStandaloneRecordingsHaveNoAssessment() throws Exception {
        TolerantRecord record = new TolerantRecord(Json.parse("""
                {"Session ID": "s-1", "Date": "2026-03-01 10:15:30", "s3Key": "org/a/s-1.json", "Duration": "93.5",
                 "Athlete ID": "a-1", "Assessment ID": "singleExercise", "Exercise ID": "e-7", "Session Name": "Squat"}"""));
        FieldReport report = new FieldReport();
        Object[] values = Entity.SESSIONS.valuesOf(record, report);
        assertArrayEquals(new Object[] {UTC_10_15_30, "org/a/s-1.json", 93.5, "a-1", null, true, "e-7", "Squat"}, values);
        assertTrue(report.warnings().isEmpty());
    }

    @Test
    void missingAndUnreadableFieldsAreNamedInWarnings() throws Exception {
        FieldReport report = new FieldReport();
        Entity.SESSIONS.valuesOf(new TolerantRecord(Json.parse("{\"SessionID\":\"s\",\"Date\":\"soon\",\"AssessmentID\":\"as-1\"}")), report);
        String warnings = String.join("\n", report.warnings());
        assertTrue(warnings.contains("sessions.recorded_at: 1 record(s) had a value that could not be read (e.g. Date 'soon' is not a date)"), warnings);
        assertTrue(warnings.contains("sessions.duration_s: 1 record(s) had no field for it"), warnings);
    }
}
