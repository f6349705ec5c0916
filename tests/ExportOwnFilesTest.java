package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * valor-export replaces only what it wrote: the analyst's own files in --out (a notes.csv beside
 * the exported CSVs, a file named as the DuckDB output) stop the export with one line naming them
 * and stay as they were; what an earlier export wrote, listed in the folder's manifest, is replaced.
 */
class ExportOwnFilesTest {
    private static final String MANIFEST = ".valor-export.json";
    private static final String NOTES = "athlete,note\nNoah Cohen,\"left knee, watch it\"\n";

    @TempDir
    static Path shared;
    static Path db;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncAStore() {
        db = shared.resolve("valor.mv.db");
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(71, 3, 20)).start()) {
            TestIo.Result sync = TestIo.inHome(shared).run(new SyncCommand(), "--db", db.toString(), "--base-url", api.baseUrl().toString(),
                    "--token", api.token(), "--quiet");
            assertEquals(0, sync.exitCode(), sync.toString());
        }
    }

    @Test
    void theAnalystsOwnCsvInOutStopsTheExportAndStays() throws Exception {
        for (String format : List.of("csv", "parquet")) {
            Path out = Files.createDirectories(dir.resolve(format));
            Files.writeString(out.resolve("notes." + format), NOTES);
            TestIo.Result result = export("--format", format, "--out", out.toString());
            assertOneLineError(result, out + " holds notes." + format + ", and no " + MANIFEST + " lists it as written by valor-export");
            assertEquals(List.of("notes." + format), files(out), "nothing written, nothing removed");
            assertEquals(NOTES, Files.readString(out.resolve("notes." + format)));
        }
        assertEquals(List.of("csv", "parquet"), files(dir), "no temporary folder left beside them");
    }

    @Test
    void aNewExportReplacesWhatTheLastOneWroteAndNothingElse() throws Exception {
        Path out = dir.resolve("csv");
        assertEquals(0, export("--format", "csv", "--out", out.toString(), "athletes", "sessions").exitCode());
        assertEquals(List.of(MANIFEST, "athletes.csv", "sessions.csv"), files(out));
        JsonNode manifest = Json.parse(Files.readString(out.resolve(MANIFEST)));
        assertEquals("valor-export", manifest.get("written_by").asText());
        assertEquals(1, manifest.get("version").asInt());
        assertEquals("csv", manifest.get("format").asText());
        assertEquals("[\"athletes.csv\",\"sessions.csv\"]", manifest.get("files").toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(MANIFEST))));

        assertEquals(0, export("--format", "csv", "--out", out.toString(), "athletes").exitCode());
        assertEquals(List.of(MANIFEST, "athletes.csv"), files(out), "what the last export wrote is replaced whole");

        Files.writeString(out.resolve("notes.csv"), NOTES);
        String athletes = Files.readString(out.resolve("athletes.csv"));
        TestIo.Result refused = export("--format", "csv", "--out", out.toString(), "sessions");
        assertOneLineError(refused, out + " holds notes.csv, which valor-export did not write there");
        assertEquals(List.of(MANIFEST, "athletes.csv", "notes.csv"), files(out), "the folder is as it was");
        assertEquals(NOTES, Files.readString(out.resolve("notes.csv")));
        assertEquals(athletes, Files.readString(out.resolve("athletes.csv")));

        Files.delete(out.resolve("notes.csv"));
        assertEquals(0, export("--format", "parquet", "--out", out.toString(), "athletes").exitCode());
        assertEquals(List.of(MANIFEST, "athletes.parquet"), files(out), "another format replaces the files of the first");
        assertEquals(List.of("csv"), files(dir), "no temporary folder left beside it");
    }

    @Test
    void aManifestValorExportDidNotWriteIsRefused() throws Exception {
        Path out = Files.createDirectories(dir.resolve("csv"));
        Files.writeString(out.resolve("passwords.csv"), "mine");
        Files.writeString(out.resolve(MANIFEST), "{\"written_by\":\"valor-export\",\"version\":1,\"files\":[\"../passwords.csv\"]}");
        assertOneLineError(export("--format", "csv", "--out", out.toString()),
                out + ": its " + MANIFEST + " is not a list of files valor-export wrote (it lists '../passwords.csv')");
        Files.writeString(out.resolve(MANIFEST), "not json");
        assertOneLineError(export("--format", "csv", "--out", out.toString()), "is not a list of files valor-export wrote (not JSON)");
        assertEquals("mine", Files.readString(out.resolve("passwords.csv")));
    }

    @Test
    void aDuckdbOutThatIsNotADuckdbDatabaseIsRefused() throws Exception {
        Path notes = dir.resolve("notes.csv");
        Files.writeString(notes, NOTES);
        assertOneLineError(export("--format", "duckdb", "--out", notes.toString()), notes + " is not a DuckDB database");
        assertEquals(NOTES, Files.readString(notes));
        Path database = dir.resolve("valor.duckdb");
        assertEquals(0, export("--format", "duckdb", "--out", database.toString(), "athletes").exitCode());
        assertEquals(0, export("--format", "duckdb", "--out", database.toString(), "athletes").exitCode(), "its own database it replaces");
        assertEquals(List.of("notes.csv", "valor.duckdb"), files(dir));
    }

    private TestIo.Result export(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", db.toString()));
        all.addAll(List.of(args));
        return TestIo.inHome(shared).run(new ExportCommand(), all.toArray(String[]::new));
    }

    private static void assertOneLineError(TestIo.Result result, String expected) {
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), "one line: " + result);
        assertTrue(result.err().startsWith("valor-export: --out ") && result.err().contains(expected), result.toString());
        assertEquals("", result.out());
    }

    private static List<String> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
