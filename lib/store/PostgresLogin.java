package valor.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import valor.base.Failure;
import valor.base.Io;

/**
 * Who connects to a PostgreSQL store, found the PostgreSQL way and never on the command line:
 * the user from {@code --db-user}, else {@code PGUSER}, else the login name; the password from
 * {@code --db-password-file}, else {@code PGPASSWORD}, else {@code PGPASSFILE} or {@code ~/.pgpass};
 * else none (the server may trust the connection, or ask and be refused).
 *
 * @param user     the role to connect as
 * @param password its password, or null; never printed ({@link #toString})
 * @param notes    why a password file was passed over, for the error when the server refuses
 */
public record PostgresLogin(String user, String password, List<String> notes) {
    /** The --db-user and --db-password-file flags, null where not given. */
    public record Flags(String user, String passwordFile) {
        public static final Flags NONE = new Flags(null, null);
    }

    static PostgresLogin resolve(PostgresUrl url, Flags flags, Io io) {
        String user = firstOf(flags.user(), io.env("PGUSER"), System.getProperty("user.name"));
        List<String> notes = new ArrayList<>();
        if (flags.passwordFile() != null) return new PostgresLogin(user, readPasswordFile(Path.of(flags.passwordFile())), notes);
        String password = io.env("PGPASSWORD");
        if (password == null) {
            String home = firstOf(io.env("HOME"), System.getProperty("user.home"));
            Path file = io.env("PGPASSFILE") != null ? Path.of(io.env("PGPASSFILE")) : Path.of(home, ".pgpass");
            password = PgPass.lookup(file, url, user, notes).orElse(null);
        }
        return new PostgresLogin(user, password, notes);
    }

    private static String readPasswordFile(Path file) {
        try {
            if (Files.getPosixFilePermissions(file).stream()
                    .anyMatch(p -> p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE)) {
                throw Failure.usage("--db-password-file " + file + " must be readable by its owner only (chmod 600 " + file + ")");
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty() || lines.get(0).isEmpty()) throw Failure.usage("--db-password-file " + file + " is empty");
            return lines.get(0);
        } catch (IOException | UnsupportedOperationException e) {
            throw Failure.usage("cannot read --db-password-file " + file + ": " + e.getMessage());
        }
    }

    private static String firstOf(String... values) {
        for (String value : values) if (value != null && !value.isEmpty()) return value;
        return null;
    }

    @Override
    public String toString() {
        return "PostgresLogin[user=" + user + ", password=" + (password == null ? "none" : "...") + "]";
    }
}
