package valor;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import valor.store.Database;

/**
 * Another process opening a store, for the tests that show IK_SAMPLES works whichever process
 * serves the file: {@code <db> <session>} prints the function's row count;
 * {@code <db> hold} opens the file (so this process serves it), prints "ready" and waits for
 * its standard input to close.
 */
public final class IkSamplesProbe {
    private IkSamplesProbe() {}

    public static void main(String[] args) throws Exception {
        try (Connection connection = Database.connect(TestDb.at(Path.of(args[0])))) {
            if (args[1].equals("hold")) {
                System.out.println("ready");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the test closes our stdin
                }
                return;
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM IK_SAMPLES(?)")) {
                query.setString(1, args[1]);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    System.out.println("rows=" + rows.getLong(1));
                }
            }
        }
    }
}
