package valor.report;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import valor.output.ResultColumns;
import valor.output.ResultWriter;
import valor.query.QueryRunner;
import valor.query.SavedQuery;

/**
 * Runs a query the way valor-sql does (parameters bound by name, the athlete parameter checked,
 * errors in one line) and keeps its rows as column name to value, in the types
 * {@link valor.output.SqlValues} gives: the report reads them by name, whatever their order.
 */
final class ReportRows implements ResultWriter {
    private List<String> names = List.of();
    private final List<Map<String, Object>> rows = new ArrayList<>();

    private ReportRows() {}

    static List<Map<String, Object>> run(Connection connection, SavedQuery query, Map<String, String> params) {
        ReportRows collected = new ReportRows();
        QueryRunner.run(connection, query, params, () -> collected, outcome -> {});
        return collected.rows;
    }

    @Override
    public void begin(ResultColumns columns) {
        names = columns.names();
        rows.clear();
    }

    @Override
    public void row(Object[] values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int c = 0; c < values.length; c++) row.put(names.get(c).toLowerCase(Locale.ROOT), values[c]);
        rows.add(row);
    }

    @Override
    public void end() {}
}
