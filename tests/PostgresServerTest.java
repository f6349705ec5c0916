package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL the store-engine tests run against: a real server, reachable only as its admin and only from this machine. */
class PostgresServerTest {
    @Test
    void aFreshDatabaseStoresAndReturnsARow() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String url = server.freshDatabase("PostgresServer-Test");
        assertTrue(url.startsWith("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgresserver_test_"), url);
        assertNotEquals(url, server.freshDatabase("PostgresServer-Test"), "each call gets its own database");

        server.execute(url, "CREATE TABLE t (id INT PRIMARY KEY, name TEXT NOT NULL)");
        try (Connection connection = server.admin(url)) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, "släde");
                assertEquals(1, insert.executeUpdate());
            }
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT id, name FROM t")) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt(1));
                assertEquals("släde", rows.getString(2));
            }
        }
    }

    @Test
    void refusesAWrongPassword() {
        PostgresServer server = PostgresServer.shared();
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(server.url("postgres"), server.adminUser(), "not-" + server.adminPassword()).close());
        assertEquals("28P01", refused.getSQLState(), refused.getMessage());
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        PostgresServer server = PostgresServer.shared();
        try (Connection connection = server.admin("postgres");
                ResultSet setting = connection.createStatement().executeQuery("SHOW listen_addresses")) {
            assertTrue(setting.next());
            assertEquals("127.0.0.1", setting.getString(1));
        }
        assertEquals(List.of(ListeningSockets.LOOPBACK_V4), ListeningSockets.addressesListeningOn(server.port()));
    }

    @Test
    void thePasswordFileIsTheOwnersOnly(@TempDir Path dir) throws Exception {
        PostgresServer server = PostgresServer.shared();
        Path file = server.passwordFile(dir);
        assertEquals(server.adminPassword(), Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
