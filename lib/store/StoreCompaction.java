package valor.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import valor.base.Failure;
import valor.base.PrivateFiles;

/**
 * Shrinks the store file to its live data. H2 writes new versions of pages to the end of the file
 * and reuses the space of old ones only later, so a sync leaves the file up to several times its
 * data. Compacting in place whenever the last connection closed (H2's default) made every
 * read-only query rewrite the file; instead the writer compacts here, with SHUTDOWN COMPACT, which
 * writes a compact copy and renames it over the store: a reader that has the old file open
 * read-only keeps reading the old one.
 */
public final class StoreCompaction {
    /**
     * valor-sync compacts after a run that grew the file by at least half: H2's own measures of dead
     * space (info.CHUNKS_FILL_RATE) said 76% live for a first sync of 100,000 sessions whose file
     * compacted from 149 MB to 52 MB (1.9 s, after a 13.5 s sync), while a no-change run grows the
     * file by a few percent and is not worth a rewrite.
     */
    static final double WORTH_IT_GROWTH = 1.5;
    /** Nor is a small file: below this the file is not worth a rewrite however it grew. */
    static final long WORTH_IT_FROM_BYTES = 8L << 20;

    private StoreCompaction() {}

    /** A compaction that ran: the file's size before and after. */
    public record Result(long bytesBefore, long bytesAfter, long millis) {}

    /** The file's size now, to give {@link #ifWorthIt} after a run (0 when there is no file yet). */
    public static long sizeBefore(DatabaseLocation location) {
        return Math.max(0, size(location));
    }

    /** Compacts if the run grew the file from {@code bytesBefore} by half or more and nobody else has it open; empty when it did not. */
    public static Optional<Result> ifWorthIt(DatabaseLocation location, long bytesBefore) {
        long now = size(location);
        if (now < WORTH_IT_FROM_BYTES || now < WORTH_IT_GROWTH * bytesBefore) return Optional.empty();
        return run(location, false);
    }

    /** Compacts now (valor-sql --compact); refused while another connection has the file open. */
    public static Result now(DatabaseLocation location) {
        return run(location, true).orElseThrow();
    }

    private static Optional<Result> run(DatabaseLocation location, boolean always) {
        if (location.file() == null) {
            if (always) throw Failure.usage("only a store file can be compacted, not " + location.display());
            return Optional.empty();
        }
        long started = System.nanoTime();
        long before = size(location);
        Set<PosixFilePermission> permissions = permissions(location);
        try (Connection admin = Database.connect(location.ifExists()); Statement statement = admin.createStatement()) {
            if (otherSessions(statement) > 0) {
                if (always) throw Failure.failed(location.display() + " is in use by another program (a sync or a --write command); compact it when that has finished");
                return Optional.empty();
            }
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw Failure.failed("cannot compact " + location.display() + ": " + H2Errors.firstLine(e), e);
        }
        restore(location, permissions); // the compact copy was made with the umask's permissions
        return Optional.of(new Result(before, size(location), (System.nanoTime() - started) / 1_000_000));
    }

    private static Set<PosixFilePermission> permissions(DatabaseLocation location) {
        try {
            return Files.getPosixFilePermissions(location.file());
        } catch (IOException | UnsupportedOperationException notPosix) {
            return null;
        }
    }

    private static void restore(DatabaseLocation location, Set<PosixFilePermission> permissions) {
        if (permissions == null) return;
        try {
            Files.setPosixFilePermissions(location.file(), permissions);
        } catch (IOException e) {
            throw Failure.failed("compacted " + location.display() + " but could not make it private again (" + e.getMessage()
                    + "); fix it with: " + PrivateFiles.chmodToFix(location.file()));
        }
    }

    /** Sessions besides this one, and whether this one goes through another process's server (then that process has the file). */
    private static int otherSessions(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) - 1 + COUNT(CASE WHEN SESSION_ID = SESSION_ID() AND SERVER IS NOT NULL"
                + " THEN 1 END) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static long size(DatabaseLocation location) {
        if (location.file() == null) return 0;
        try {
            return Files.size(location.file());
        } catch (IOException e) {
            return -1;
        }
    }
}
