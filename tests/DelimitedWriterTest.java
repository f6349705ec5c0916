package valor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import valor.output.ResultColumns;
import valor.output.ResultWriter;
import valor.output.SqlValues;

/**
 * valor-sql's CSV and TSV write rows from the JDBC result straight to bytes. They must stay
 * byte for byte what Commons CSV printed from each value's text (RFC 4180 minimal quoting, NULL
 * as an empty field, \n line ends, UTF-8), for hostile text (quotes, delimiters, CR and LF,
 * formulas, control characters, lone surrogates, emoji, empty strings first on a line) and for
 * every type whose value the export reads with its own getter (whole numbers, doubles, timestamps
 * with and without fractions, years outside 1000-9999) or through the values every format shares.
 */
class DelimitedWriterTest {
    private static final String[] PIECES = {"\"", ",", "\t", "\n", "\r", " ", "#", "!", "=", "+", "-", "@", "a", "Z", "0",
            "é", "😀", "\u0000", "\u001b]0;x\u0007", "\u202e", "\ud800", "\udc00", "\u00a0", "''", "\\", "\"\"", "$"};

    @Test
    void hostileTextIsQuotedExactlyAsCommonsCsvQuotedIt() throws Exception {
        Random random = new Random(24);
        List<Object[]> rows = new ArrayList<>();
        for (int n = 0; n < 5000; n++) rows.add(new Object[] {text(random), text(random), text(random)});
        for (String format : List.of("csv", "tsv")) {
            ResultWriter.Format chosen = ResultWriter.Format.parse(format, "--format");
            ResultColumns columns = new ResultColumns(List.of("a", "\"b\", c", "# d"), List.of(Types.VARCHAR, Types.VARCHAR, Types.VARCHAR));
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            ResultWriter writer = chosen.writer(new PrintStream(written, true, StandardCharsets.UTF_8));
            writer.begin(columns);
            for (Object[] row : rows) writer.row(row);
            writer.end();
            assertArrayEquals(commonsCsv(format, columns.names(), rows), written.toByteArray(), format);
        }
    }

    @Test
    void rowsReadStraightFromTheResultPrintAsTheirSharedTextDoes() throws Exception {
        Random random = new Random(13);
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:delimited" + System.nanoTime())) {
            try (Statement create = connection.createStatement()) {
                create.execute("""
                        CREATE TABLE t (s VARCHAR, n BIGINT, i INT, d DOUBLE PRECISION, r REAL, at TIMESTAMP(9), on_day DATE,
                                        amount NUMERIC(18, 2), flag BOOLEAN, data JSON, b VARBINARY)""");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ? FORMAT JSON, ?)")) {
                for (int n = 0; n < 3000; n++) {
                    boolean nulls = random.nextInt(8) == 0;
                    insert.setString(1, nulls ? null : text(random));
                    insert.setObject(2, nulls ? null : random.nextInt(5) == 0 ? Long.MIN_VALUE + random.nextInt(3) : random.nextLong() >> random.nextInt(64));
                    insert.setObject(3, nulls ? null : random.nextInt());
                    insert.setObject(4, nulls ? null : aDouble(random));
                    insert.setObject(5, nulls ? null : random.nextFloat() * 1000);
                    insert.setObject(6, nulls ? null : aTimestamp(random));
                    insert.setObject(7, nulls ? null : LocalDate.ofEpochDay(random.nextInt(40000) - 20000));
                    insert.setObject(8, nulls ? null : BigDecimal.valueOf(random.nextLong() % 100_000_000, 2));
                    insert.setObject(9, nulls ? null : random.nextBoolean());
                    insert.setString(10, nulls ? null : "{\"name\":\"" + String.valueOf(text(random)).replaceAll("[\"\\\\\\p{Cntrl}\ud800-\udfff]", "") + "\"}");
                    insert.setBytes(11, nulls ? null : new byte[] {(byte) random.nextInt(), 0, -1});
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            for (String format : List.of("csv", "tsv")) {
                String query = "SELECT * FROM t ORDER BY 1, 2, 3";
                ResultColumns columns;
                List<Object[]> expected = new ArrayList<>();
                try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery(query)) {
                    columns = ResultColumns.of(rows.getMetaData());
                    while (rows.next()) expected.add(SqlValues.row(rows, columns));
                }
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                ResultWriter writer = ResultWriter.Format.parse(format, "--format").writer(new PrintStream(written, true, StandardCharsets.UTF_8));
                try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery(query)) {
                    writer.begin(columns);
                    assertEquals(expected.size(), writer.rows(rows, columns));
                    writer.end();
                }
                List<Object[]> texts = expected.stream().map(row -> {
                    Object[] text = new Object[row.length];
                    for (int i = 0; i < row.length; i++) text[i] = SqlValues.text(row[i]);
                    return text;
                }).toList();
                byte[] want = commonsCsv(format, columns.names(), texts);
                assertEquals(new String(want, StandardCharsets.UTF_8), written.toString(StandardCharsets.UTF_8), format);
                assertArrayEquals(want, written.toByteArray(), format);
            }
        }
    }

    /** What valor-sql wrote before it wrote bytes itself: Commons CSV into text, encoded by a UTF-8 PrintStream. */
    private static byte[] commonsCsv(String format, List<String> names, List<Object[]> rows) throws Exception {
        CSVFormat csv = (format.equals("tsv") ? CSVFormat.TDF : CSVFormat.RFC4180).builder().setRecordSeparator('\n').setNullString("").get();
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, csv)) {
            printer.printRecord(names.toArray());
            for (Object[] row : rows) printer.printRecord(row);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            out.append(text);
        }
        return bytes.toByteArray();
    }

    /** NULL, empty, or a few hostile pieces in a row. */
    private static String text(Random random) {
        int pieces = random.nextInt(7) - 1;
        if (pieces < 0) return null;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) text.append(PIECES[random.nextInt(PIECES.length)]);
        return text.toString();
    }

    private static double aDouble(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> random.nextInt(1000) / 8.0;
            case 2 -> -0.0;
            case 3 -> random.nextInt(100_000) * 1e-9;
            case 4 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NaN;
            default -> random.nextDouble() * 7200;
        };
    }

    /** Whole seconds, milli-, micro- and nanosecond fractions; years from 1 to 12000. */
    private static LocalDateTime aTimestamp(Random random) {
        int year = switch (random.nextInt(6)) {
            case 0 -> 1 + random.nextInt(999);
            case 1 -> 10_000 + random.nextInt(2000);
            default -> 1000 + random.nextInt(9000);
        };
        int nano = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        return LocalDateTime.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
                random.nextInt(60), nano);
    }
}
