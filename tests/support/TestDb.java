package valor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Reads a store file the way an analyst would, for assertions. */
final class TestDb {
    private TestDb() {}

    static DatabaseLocation at(Path file) {
        return DatabaseLocation.resolve(file.toString(), false, DatabaseLocation.Use.CREATE_IF_MISSING, TestIo.capture().io());
    }

    static List<Map<String, Object>> rows(Path file, String sql, Object... args) {
        try (Handle handle = Jdbi.create(() -> Database.connect(at(file))).open()) {
            var query = handle.createQuery(sql);
            for (int i = 0; i < args.length; i++) query.bind(i, args[i]);
            return query.mapToMap().list();
        }
    }

    static <T> T value(Path file, Class<T> type, String sql, Object... args) {
        try (Handle handle = Jdbi.create(() -> Database.connect(at(file))).open()) {
            var query = handle.createQuery(sql);
            for (int i = 0; i < args.length; i++) query.bind(i, args[i]);
            return query.mapTo(type).one();
        }
    }

    static long count(Path file, String sql, Object... args) {
        return value(file, Long.class, sql, args);
    }
}
