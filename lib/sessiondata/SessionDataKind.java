package valor.sessiondata;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import valor.base.Failure;

/** The per-session data valor-sync can fetch with --with: each costs one API call per session. */
public enum SessionDataKind {
    /** Report metrics from GET /reportData. */
    REPORTS("reports", "reportData"),
    /** Joint-angle time series from GET /ikData. */
    IK("ik", "ikData");

    private final String label;
    private final String endpoint;

    SessionDataKind(String label, String endpoint) {
        this.label = label;
        this.endpoint = endpoint;
    }

    /** As written after --with, and in session_data_fetches.kind and sync_run_fetches.kind. */
    public String label() {
        return label;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The kind named by a --with value, case-insensitive; null when there is none. */
    public static SessionDataKind named(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        for (SessionDataKind kind : values()) if (kind.label.equals(wanted)) return kind;
        return null;
    }

    /** The kinds named by --with values, each a comma-separated list; a name that is not a kind is a usage error. */
    public static Set<SessionDataKind> parseFlag(String[] values) {
        Set<SessionDataKind> kinds = EnumSet.noneOf(SessionDataKind.class);
        if (values == null) return kinds;
        for (String value : values) {
            for (String name : value.split(",")) {
                if (name.isBlank()) continue;
                SessionDataKind kind = named(name);
                if (kind == null) throw Failure.usage("--with: unknown data '" + name.trim() + "'; choose from " + labels());
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty()) throw Failure.usage("--with needs one or more of " + labels());
        return kinds;
    }

    public static String labels() {
        return Arrays.stream(values()).map(SessionDataKind::label).collect(Collectors.joining(", "));
    }
}
