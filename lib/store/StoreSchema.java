package valor.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a store's migrations and views are the ones this toolkit ships, checked with two
 * small queries, so that reading commands upgrade an older store only when it needs it.
 */
final class StoreSchema {
    private StoreSchema() {}

    static boolean isCurrent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            Set<Integer> applied = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT version FROM schema_migrations")) {
                while (rows.next()) applied.add(rows.getInt(1));
            }
            if (!applied.containsAll(Migrations.versions())) return false;
            try (ResultSet rows = statement.executeQuery("SELECT content_hash FROM schema_views WHERE id = 1")) {
                return rows.next() && rows.getLong(1) == Views.contentHash(Engine.of(connection));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1
                    || e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1
                    || "42P01".equals(e.getSQLState())) return false; // PostgreSQL's undefined_table
            throw e;
        }
    }
}
