package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.store.AnalystConnections;

/** valor-sql --compact: the file shrinks to its data, the data stays, and a store in use is left alone. */
class StoreCompactionTest {
    @TempDir
    Path dir;

    @Test
    void compactShrinksTheFileAndKeepsTheData() throws Exception {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(5, 10, 3000))) {
            fixture.sync();
            fixture.organisation().sessions().stream().limit(2000).forEach(s -> fixture.organisation().updateSession(s.sessionId(), x -> x.withDuration(9.5)));
            fixture.sync(); // rewrites two thirds of the rows: dead space
            String data = TestDb.rows(fixture.db, TestDb.SESSION_DATA).toString();
            long before = Files.size(fixture.db);

            TestIo.Result result = TestIo.inHome(dir).run(new SqlCommand(), "--db", fixture.db.toString(), "--compact");

            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.out().startsWith("compacted " + fixture.db + " from "), result.out());
            assertTrue(Files.size(fixture.db) < before, Files.size(fixture.db) + " bytes, was " + before);
            assertEquals(data, TestDb.rows(fixture.db, TestDb.SESSION_DATA).toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.db)), "still private");
        }
    }

    @Test
    void aStoreAnotherProgramIsWritingIsNotCompacted() throws Exception {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(5, 3, 30))) {
            fixture.sync();
            try (AnalystConnections.Session writer = AnalystConnections.open(TestDb.at(fixture.db), true)) {
                TestIo.Result result = TestIo.inHome(dir).run(new SqlCommand(), "--db", fixture.db.toString(), "--compact");
                assertEquals(1, result.exitCode(), result.toString());
                assertTrue(result.err().contains("is in use by another program"), result.err());
                assertEquals(1, result.err().lines().count(), result.err());
            }
        }
    }
}
