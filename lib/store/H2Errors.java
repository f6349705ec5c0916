package valor.store;

import java.sql.SQLException;

/** H2's error messages cut down to the line a user reads. */
public final class H2Errors {
    private H2Errors() {}

    /** H2's message without the echoed statement and the [code-version] suffix. */
    public static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int cut = message.indexOf("; SQL statement:");
        if (cut >= 0) message = message.substring(0, cut);
        cut = message.indexOf('\n');
        if (cut >= 0) message = message.substring(0, cut);
        return message.replaceAll(" \\[\\d+-\\d+]$", "");
    }
}
