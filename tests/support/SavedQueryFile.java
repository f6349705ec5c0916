package valor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import valor.query.SavedQueries;
import valor.query.SavedQuery;
import valor.store.Database;

/**
 * A saved query run straight against a store, bound the way valor-sql binds it: every declared
 * parameter by name (the given value, else its default, else NULL), as text.
 */
record SavedQueryFile(SavedQuery query) {
    static SavedQueryFile load(String name) {
        return new SavedQueryFile(SavedQueries.find(name).orElseThrow(() -> new IllegalArgumentException("no saved query " + name)));
    }

    /** Runs against a store file; {@code params} are name, value pairs that override the defaults. */
    List<Map<String, Object>> run(java.nio.file.Path db, String... params) {
        Map<String, String> values = new LinkedHashMap<>();
        query.params().forEach(param -> values.put(param.name(), param.defaultValue()));
        for (int i = 0; i < params.length; i += 2) {
            if (!values.containsKey(params[i])) throw new IllegalArgumentException(query.name() + " declares no parameter " + params[i]);
            values.put(params[i], params[i + 1]);
        }
        try (Handle handle = Jdbi.create(() -> Database.connect(TestDb.at(db))).open()) {
            Query statement = handle.createQuery(query.sql());
            values.forEach(statement::bind);
            return statement.mapToMap().list();
        }
    }
}
