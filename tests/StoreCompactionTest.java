package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.store.AnalystConnections;

/** Compaction: valor-sync after a run that grew the file, valor-sql --compact on demand; the data stays, a store in use is left alone. */
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

    /** valor-sync compacts after a run that grew the file by half (a first sync), not after a no-change one. */
    @Test
    void aSyncCompactsAfterARunThatGrewTheFileByHalf() throws Exception {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(5, 20, 12_000))) {
            String[] sync = {"--db", fixture.db.toString(), "--base-url", fixture.api.baseUrl().toString(), "--token", fixture.api.token()};
            TestIo.Result first = TestIo.inHome(dir).run(new SyncCommand(), sync);
            assertEquals(0, first.exitCode(), first.toString());
            assertTrue(first.err().contains("compacted the store from "), first.err());
            long compacted = Files.size(fixture.db);

            TestIo.Result again = TestIo.inHome(dir).run(new SyncCommand(), sync);
            assertEquals(0, again.exitCode(), again.toString());
            assertFalse(again.err().contains("compacted"), again.err());
            assertTrue(Files.size(fixture.db) < 1.5 * compacted, "a no-change run grows the file little: " + Files.size(fixture.db));
            assertEquals(12_000L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));
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
