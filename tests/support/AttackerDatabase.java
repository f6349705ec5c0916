package valor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database another user of this machine made and can log in to (a file they can write, their
 * own password), as they would point H2's console at it: its URL's INIT writes a marker file the
 * moment anything connects, so the marker says whether the console opened a connection for them.
 */
final class AttackerDatabase {
    static final String USER = "attacker";
    static final String PASSWORD = "attackers-own-password";

    final String url;
    private final Path connected;

    private AttackerDatabase(String url, Path connected) {
        this.url = url;
        this.connected = connected;
    }

    static AttackerDatabase create(Path dir) throws SQLException {
        String file = "jdbc:h2:file:" + dir.resolve("attacker");
        DriverManager.getConnection(file, USER, PASSWORD).close();
        Path connected = dir.resolve("attacker-connected");
        return new AttackerDatabase(file + ";INIT=CALL FILE_WRITE(X'31', '" + connected + "')", connected);
    }

    boolean wasConnected() {
        return Files.exists(connected);
    }
}
