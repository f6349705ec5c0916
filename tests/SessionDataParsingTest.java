package valor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import valor.base.Json;
import valor.ik.IkJointSummary;
import valor.ik.IkSeries;
import valor.sessiondata.ReportMetrics;

/** Reading report and IK bodies whatever the vendor's exact shape: nothing it sends is dropped or renamed. */
class SessionDataParsingTest {

    @Test
    void theDocumentedReportFlattensToOneRowPerMetricAndSideWithNamesKeptExactly() throws Exception {
        List<ReportMetrics.Row> rows = ReportMetrics.flatten(Json.parse("""
                {"WorkoutMetrics": {"Ang": {"Knee Flex. (°)": {"L": {"AvgMax": 97.1, "Score": 0.5}, "R": {"AvgMax": 99.0, "Score": 1.0}},
                                            "Trunk Flex. (°)": {"F": {"AvgMax": 60, "Score": 0}}},
                                    "Vel": {"Knee Flex. Vel. (°/s)": {"L": {"AvgMax": 300.5, "Max": 330.1, "Reps": 12, "Score": 1.0}}}}}
                """));
        assertEquals(4, rows.size());
        assertEquals(new ReportMetrics.Row("WorkoutMetrics", "Ang", "Knee Flex. (°)", "L", 97.1, 0.5, Map.of("AvgMax", 97.1, "Score", 0.5)),
                rows.get(0));
        assertEquals("F", rows.get(2).side());
        ReportMetrics.Row velocity = rows.get(3);
        assertEquals("Knee Flex. Vel. (°/s)", velocity.metric());
        assertEquals(Map.of("AvgMax", 300.5, "Max", 330.1, "Reps", 12.0, "Score", 1.0), velocity.fields(), "unknown numeric fields are kept");
    }

    @Test
    void otherShapesStillGiveSensibleRows() throws Exception {
        List<ReportMetrics.Row> rows = ReportMetrics.flatten(Json.parse("""
                {"Ang": {"Knee Flex. (°)": {"Left": {"avg_max": "97.1", "score": "0.5", "note": "n/a"}}},
                 "Summary": {"Balance": {"AvgMax": 3.5}},
                 "Version": 2, "Tags": ["a", "b"]}
                """));
        assertEquals(3, rows.size(), rows.toString());
        ReportMetrics.Row knee = rows.stream().filter(r -> r.metric().equals("Knee Flex. (°)")).findFirst().orElseThrow();
        assertEquals(List.of("", "Ang", "Left", 97.1, 0.5), List.of(knee.section(), knee.group(), knee.side(), knee.avgMax(), knee.score()),
                "numbers sent as strings are numbers; spellings of AvgMax and Score are matched");
        ReportMetrics.Row balance = rows.stream().filter(r -> r.metric().equals("Balance")).findFirst().orElseThrow();
        assertEquals(List.of("", "Summary", ""), List.of(balance.section(), balance.group(), balance.side()), "a metric without sides");
        ReportMetrics.Row top = rows.stream().filter(r -> r.fields().containsKey("Version")).findFirst().orElseThrow();
        assertEquals("", top.metric());
    }

    @Test
    void ikArraysAreReadIntoJointsByTheirSuffixes() throws Exception {
        IkSeries series = IkSeries.parse("""
                {"time": [0.0, 0.0167, 0.0333], "waist_rotation": [1.5, -2.25, 3], "waist_rotation_vel": [10, 20, 30],
                 "waist_rotation_acc": [-1, 0, 1], "left_knee_flexion": [5, null, 7], "right_knee_flexion_Velocity": [1, 2, 3],
                 "device": {"model": "VS-2"}, "labels": ["a", 1], "fps": 60}
                """);
        assertArrayEquals(new double[] {0.0, 0.0167, 0.0333}, series.time());
        assertEquals(List.of("waist_rotation", "left_knee_flexion", "right_knee_flexion"), series.jointNames());
        IkSeries.Joint waist = series.joints().get("waist_rotation");
        assertArrayEquals(new double[] {1.5, -2.25, 3}, waist.angle());
        assertArrayEquals(new double[] {10, 20, 30}, waist.velocity());
        assertArrayEquals(new double[] {-1, 0, 1}, waist.acceleration());
        assertTrue(Double.isNaN(series.joints().get("left_knee_flexion").angle()[1]), "a null sample is NaN");
        assertNull(series.joints().get("right_knee_flexion").angle());
        assertEquals(Json.parse("{\"device\":{\"model\":\"VS-2\"},\"labels\":[\"a\",1],\"fps\":60}"), series.extra(),
                "what is not a numeric array is kept as JSON");
        assertEquals(0.0333, series.durationSeconds());

        IkJointSummary knee = IkJointSummary.of("left_knee_flexion", series.joints().get("left_knee_flexion"), series.time());
        assertEquals(new IkJointSummary("left_knee_flexion", 3, 0.0333, 5.0, 7.0, 2.0, 6.0, null, null), knee);
    }

    @Test
    void anIkBodyInsideTheEnvelopeAsAnObjectReadsTheSame() throws Exception {
        String text = "{\"time\": [0, 0.5], \"left_hip_flexion\": [1.25, 2.5]}";
        IkSeries fromString = IkSeries.parse(text);
        IkSeries fromTree = IkSeries.parse(Json.parse(text));
        assertArrayEquals(fromString.time(), fromTree.time());
        assertArrayEquals(fromString.joints().get("left_hip_flexion").angle(), fromTree.joints().get("left_hip_flexion").angle());
    }

    @Test
    void anIkBodyThatIsNotAnObjectOfArraysIsMalformed() {
        assertThrows(IkSeries.Malformed.class, () -> IkSeries.parse("[1, 2, 3]"));
        assertThrows(IkSeries.Malformed.class, () -> IkSeries.parse("{\"time\": [0, 1"));
        assertThrows(IkSeries.Malformed.class, () -> IkSeries.parse("not json"));
    }
}
