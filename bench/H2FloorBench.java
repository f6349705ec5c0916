///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//RUNTIME_OPTIONS -Xmx1g
//DESCRIPTION The floor under a first sync (issue 24): the sessions valor-sync stores, loaded into H2 with the store's own schema
//DESCRIPTION as fast as H2 takes them, with no network, parsing or bookkeeping: plain JDBC batches of prepared values, a commit
//DESCRIPTION per page of 1000 (what a resumable sync needs) and once for all, then the session indexes built, then the file
//DESCRIPTION compacted. The rows are the ones valor-mock serves for the same size and seed, fetched and parsed before timing.
//DESCRIPTION Usage: ./jbang bench/H2FloorBench.java [SESSIONS (200000)] [ATHLETES (SESSIONS / 200)]
//SOURCES ../lib/store/package-info.java
//SOURCES ../lib/sync/package-info.java
//SOURCES ../lib/fake/package-info.java
package valor;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import valor.api.TolerantRecord;
import valor.base.Io;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;
import valor.store.Database;
import valor.store.DatabaseLocation;
import valor.sync.Entity;
import valor.sync.FieldReport;

public class H2FloorBench {
    private static final int PAGE = 1000;

    /** A session as the sync stores it: id, the typed columns, the JSON as sent, its hash. */
    private record Row(String id, Object[] values, String raw, long hash) {}

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int athletes = args.length > 1 ? Integer.parseInt(args[1]) : Math.max(10, sessions / 200);
        Path out = Files.createDirectories(Path.of("bench/out/h2-floor"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwx------"));
        List<List<Row>> pages = fetch(sessions, athletes);
        System.out.printf("== %,d sessions over %,d athletes in %d pages, into H2 with the store's schema%n", sessions, athletes, pages.size());
        for (boolean perPage : new boolean[] {true, false}) {
            Path file = out.resolve(perPage ? "per-page.mv.db" : "one-commit.mv.db");
            Files.deleteIfExists(file);
            DatabaseLocation resolved = DatabaseLocation.resolve(file.toString(), false, DatabaseLocation.Use.CREATE_IF_MISSING, Io.system());
            DatabaseLocation location = new DatabaseLocation(resolved.jdbcUrl() + System.getProperty("floor.url", ""), resolved.file(),
                    resolved.key(), resolved.openAllowed(), null, null);
            Database.openForWriting(location).close();
            try (Connection connection = Database.connect(location)) {
                List<String> rebuild = dropSessionIndexes(connection);
                connection.setAutoCommit(false);
                long started = System.nanoTime();
                double cpuBefore = cpu();
                load(connection, pages, perPage);
                double load = seconds(started);
                double loadCpu = cpu() - cpuBefore;
                connection.setAutoCommit(true);
                try (Statement s = connection.createStatement()) {
                    for (String setting : System.getProperty("floor.before-indexes", "").split(";")) if (!setting.isBlank()) s.execute(setting);
                }
                double indexes = 0;
                double indexesCpu = cpu();
                StringBuilder each = new StringBuilder();
                for (String statement : rebuild) {
                    long one = System.nanoTime();
                    double oneCpu = cpu();
                    try (Statement s = connection.createStatement()) {
                        s.execute(statement);
                    }
                    indexes += seconds(one);
                    each.append(String.format(" %.2f/%.2f", seconds(one), cpu() - oneCpu));
                }
                indexesCpu = cpu() - indexesCpu;
                System.out.printf("  %-18s load %5.2f s, cpu %5.2f s (%4.1f us a row)  %d indexes %5.2f s, cpu %5.2f (%s)  file %4.0f MiB%n",
                        perPage ? "commit per page:" : "one commit:", load, loadCpu, loadCpu * 1e6 / sessions, rebuild.size(), indexes,
                        indexesCpu, each.toString().strip(), Files.size(file) / 1048576.0);
            }
            long compact = System.nanoTime();
            double compactCpu = cpu();
            try (Connection connection = Database.connect(location); Statement s = connection.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
            System.out.printf("  %-18s compact %.2f s, cpu %.2f s, to %.0f MiB%n", "", seconds(compact), cpu() - compactCpu,
                    Files.size(file) / 1048576.0);
        }
    }

    /** The organisation's sessions as valor-mock serves them, each page's records read as the sync reads them. */
    private static List<List<Row>> fetch(int sessions, int athletes) throws Exception {
        List<List<Row>> pages = new ArrayList<>();
        FieldReport report = new FieldReport();
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(7, athletes, sessions)).start()) {
            HttpClient http = HttpClient.newHttpClient();
            String token = Json.quote("");
            while (token != null) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/sessions?limit=" + PAGE))
                        .header("Authorization", "Bearer " + api.token()).header("X-Continuation-Token", token).build();
                JsonNode envelope = Json.parse(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                List<Row> page = new ArrayList<>();
                for (JsonNode item : Json.parse(envelope.get("body").asText())) {
                    TolerantRecord record = new TolerantRecord(item);
                    page.add(new Row(Entity.SESSIONS.idOf(record), Entity.SESSIONS.valuesOf(record, report), item.toString(), Json.contentHash(item)));
                }
                pages.add(page);
                String next = envelope.get("X-Continuation-Token").asText();
                token = next.equals("null") ? null : Json.quote(next);
            }
        }
        return pages;
    }

    private static void load(Connection connection, List<List<Row>> pages, boolean commitPerPage) throws Exception {
        int n = Entity.SESSIONS.columns().size();
        String columns = String.join(", ", Entity.SESSIONS.columns().stream().map(Entity.Column::name).toList());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions (session_id, " + columns
                + ", source, raw, content_hash, raw_hash, first_seen_at, updated_at) VALUES (?, " + "?, ".repeat(n) + "'api', ?, ?, ?, ?, ?)")) {
            Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
            for (List<Row> page : pages) {
                for (Row row : page) {
                    insert.setString(1, row.id());
                    for (int i = 0; i < n; i++) insert.setObject(2 + i, row.values()[i]);
                    insert.setString(n + 2, row.raw());
                    insert.setLong(n + 3, row.hash());
                    insert.setLong(n + 4, row.hash()); // the sync keeps a second hash, of the bytes as sent: the same cost
                    insert.setTimestamp(n + 5, now);
                    insert.setTimestamp(n + 6, now);
                    insert.addBatch();
                }
                insert.executeBatch();
                if (commitPerPage) connection.commit();
            }
            connection.commit();
        }
    }

    /** Drops the primary key and indexes of sessions, as a first sync does, and returns the statements that build them again. */
    private static List<String> dropSessionIndexes(Connection connection) throws Exception {
        List<String> rebuild = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT i.INDEX_NAME, i.INDEX_TYPE_NAME, STRING_AGG(k.COLUMN_NAME, ', ') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION)
                FROM INFORMATION_SCHEMA.INDEXES i
                JOIN INFORMATION_SCHEMA.INDEX_COLUMNS k ON k.INDEX_NAME = i.INDEX_NAME AND k.TABLE_NAME = i.TABLE_NAME
                WHERE i.TABLE_NAME = 'SESSIONS' GROUP BY i.INDEX_NAME, i.INDEX_TYPE_NAME ORDER BY i.INDEX_TYPE_NAME DESC""")) {
            while (rs.next()) {
                if (rs.getString(2).equals("PRIMARY KEY")) {
                    rebuild.add(0, "ALTER TABLE sessions ADD PRIMARY KEY (" + rs.getString(3) + ")");
                    drop.add("ALTER TABLE sessions DROP PRIMARY KEY");
                } else {
                    rebuild.add("CREATE INDEX " + rs.getString(1) + " ON sessions (" + rs.getString(3) + ")");
                    drop.add(0, "DROP INDEX " + rs.getString(1));
                }
            }
        }
        try (Statement s = connection.createStatement()) {
            for (String statement : drop) s.execute(statement);
        }
        return rebuild;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** CPU time of the whole process (H2's background writer included), in seconds: steadier than wall time on a busy machine. */
    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }
}
