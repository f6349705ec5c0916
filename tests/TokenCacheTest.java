package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.api.ApiUrl;
import valor.auth.CognitoTokens;
import valor.auth.SignIn;
import valor.auth.TokenCache;

/** The token cache file: private, and never seen half-written. */
class TokenCacheTest {
    @TempDir
    Path dir;

    private static SignIn signIn(int n) {
        String padding = "x".repeat(2000 * (n % 3)); // different sizes, so a torn write would show
        CognitoTokens tokens = new CognitoTokens("id-" + n + padding, "access-" + n, "refresh-" + n);
        return new SignIn(ApiUrl.parse("https://cognito-idp.us-east-1.amazonaws.com", "test"), "client", "user-" + n, tokens, Instant.now());
    }

    @Test
    void aReaderNeverSeesAHalfWrittenCache() throws Exception {
        TokenCache cache = TokenCache.in(dir.resolve("valor"));
        cache.save(signIn(0));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            TokenCache other = TokenCache.in(dir.resolve("valor"));
            while (writing.get()) {
                SignIn seen = other.load().orElseThrow(); // a torn file would throw "damaged"
                assertEquals(seen.username().substring(5), seen.tokens().accessToken().substring(7), "one whole file, not a mix");
                reads.incrementAndGet();
            }
        });
        Throwable[] failure = new Throwable[1];
        reader.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
        reader.start();
        for (int i = 1; i <= 300; i++) cache.save(signIn(i));
        writing.set(false);
        reader.join();
        if (failure[0] != null) throw new AssertionError("the reader saw a broken cache", failure[0]);
        assertTrue(reads.get() > 10, "the reader ran alongside: " + reads.get());
        try (var files = Files.list(dir.resolve("valor"))) {
            assertEquals(1, files.count(), "no temporary files left");
        }
    }

    @Test
    void aTemporaryFileLeftByACrashIsHarmlessAndRemovedAtSignOut() throws Exception {
        TokenCache cache = TokenCache.in(dir.resolve("valor"));
        cache.save(signIn(1));
        Path leftover = Files.createFile(dir.resolve("valor/.tokens-123.tmp"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(leftover, "{\"id_token\":\"half");
        assertEquals("user-1", cache.load().orElseThrow().username());
        assertTrue(cache.delete());
        assertFalse(Files.exists(leftover));
        assertFalse(cache.delete(), "nothing left to remove");
    }

    @Test
    void theFolderIsCreatedPrivateWhateverTheUmask() throws Exception {
        TokenCache cache = TokenCache.in(dir.resolve("a/b/valor"));
        cache.save(signIn(1));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/valor"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file())));
    }

    @Test
    void aLooseFileIsReplacedByAPrivateOneWhenSavedAgain() throws Exception {
        TokenCache cache = TokenCache.in(dir.resolve("valor"));
        cache.save(signIn(1));
        Files.setPosixFilePermissions(cache.file(), PosixFilePermissions.fromString("rw-r--r--"));
        cache.save(signIn(2));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file())));
    }
}
