package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.api.ApiUrl;
import valor.api.RetryPolicy;
import valor.base.Failure;
import valor.store.DatabaseLocation;

/** URL, token-delay and database-path checks that run before anything touches the network or a file. */
class InputCheckingTest {
    @TempDir
    Path dir;

    @Test
    void plainHttpIsOnlyAllowedForLoopbackHosts() {
        assertEquals("http://127.0.0.1:8080/production", ApiUrl.parse("http://127.0.0.1:8080/production/", "--base-url").toString());
        ApiUrl.parse("http://localhost:1/x", "--base-url");
        ApiUrl.parse("http://[::1]:1/x", "--base-url");
        Failure failure = assertThrows(Failure.class, () -> ApiUrl.parse("http://api.example.com/production", "--base-url"));
        assertEquals(Failure.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("--base-url uses plain http:// for api.example.com"), failure.getMessage());
        assertThrows(Failure.class, () -> ApiUrl.parse("ftp://example.com", "--base-url"));
        assertThrows(Failure.class, () -> ApiUrl.parse("https://user:pw@example.com", "--base-url"));
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDateAndCapped() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        assertEquals(Duration.ofSeconds(3), policy.delayBefore(1, "3"));
        assertEquals(Duration.ofMinutes(2), policy.delayBefore(1, "86400"));
        Duration backoff = policy.delayBefore(3, null);
        assertTrue(backoff.toMillis() >= 1000 && backoff.toMillis() <= 2000, backoff.toString());
    }

    @Test
    void aDatabasePathInAMissingFolderIsAUsageError() {
        Failure failure = assertThrows(Failure.class, () -> locate(dir.resolve("nope/valor.mv.db").toString()));
        assertEquals(Failure.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
    }

    @Test
    void aFileThatIsNotH2IsRefusedAndLeftAlone() throws Exception {
        Path sqlite = Files.writeString(dir.resolve("club.mv.db"), "SQLite format 3\u0000...");
        Failure failure = assertThrows(Failure.class, () -> locate(sqlite.toString()));
        assertTrue(failure.getMessage().endsWith("is not an H2 database"), failure.getMessage());
        Path other = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThrows(Failure.class, () -> locate(other.toString()));
        assertEquals("hello", Files.readString(other));
    }

    @Test
    void theH2SuffixIsAddedWhenMissing() {
        DatabaseLocation location = locate(dir.resolve("club").toString());
        assertEquals(dir.resolve("club.mv.db"), location.file());
        assertTrue(location.jdbcUrl().matches("jdbc:h2:file:.*/club;AUTO_SERVER=TRUE;CACHE_SIZE=\\d+;TRACE_LEVEL_FILE=0;MAX_COMPACT_TIME=0;" + DatabaseLocation.MODE), location.jdbcUrl());
    }

    private DatabaseLocation locate(String path) {
        return DatabaseLocation.resolve(path, false, DatabaseLocation.Use.CREATE_IF_MISSING, TestIo.capture().io());
    }
}
