package valor.output;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A result's column names (as output shows them) and JDBC types, in the order of the SELECT list. */
public record ResultColumns(List<String> names, List<Integer> types) {

    public static ResultColumns of(ResultSetMetaData meta) throws SQLException {
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(SqlValues.label(meta, i));
            types.add(meta.getColumnType(i));
        }
        return new ResultColumns(List.copyOf(names), List.copyOf(types));
    }

    public int size() {
        return names.size();
    }

    public boolean numeric(int column) {
        return SqlValues.isNumeric(types.get(column));
    }

    /** Names made unique (a repeated name gets _2, _3 ...), for formats whose rows are objects keyed by name. */
    public List<String> uniqueNames() {
        Set<String> taken = new LinkedHashSet<>();
        List<String> unique = new ArrayList<>();
        for (String name : names) {
            String candidate = name;
            for (int n = 2; !taken.add(candidate); n++) candidate = name + "_" + n;
            unique.add(candidate);
        }
        return unique;
    }
}
