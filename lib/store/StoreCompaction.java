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
     * valor-sync compacts when less than this share of the file is live data (H2's
     * info.CHUNKS_FILL_RATE): at most halving the file is not worth rewriting it after every run.
     */
    static final int WORTH_IT_BELOW_FILL_PERCENT = 50;
    /** Nor is a small file: below this the file is not worth a rewrite whatever its fill rate. */
    static final long WORTH_IT_FROM_BYTES = 8L << 20;

    private StoreCompaction() {}

    /** A compaction that ran: the file's size before and after. */
    public record Result(long bytesBefore, long bytesAfter, long millis) {}

    /** Compacts if the file is mostly dead space and nobody else has it open; empty when it did not. */
    public static Optional<Result> ifWorthIt(DatabaseLocation location) {
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
            if (!always && (before < WORTH_IT_FROM_BYTES || fillPercent(statement) >= WORTH_IT_BELOW_FILL_PERCENT)) return Optional.empty();
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
                    + "); fix it with: chmod 600 " + location.display());
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

    private static int fillPercent(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'")) {
            return rows.next() ? Integer.parseInt(rows.getString(1).strip()) : 100;
        }
    }

    private static long size(DatabaseLocation location) {
        try {
            return Files.size(location.file());
        } catch (IOException e) {
            return -1;
        }
    }
}
