package valor.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL's password file ({@code ~/.pgpass} or {@code PGPASSFILE}), read the way libpq reads
 * it, so psql and this toolkit share one file: lines {@code host:port:database:user:password},
 * {@code *} matching anything, {@code \:} and {@code \\} escaped, the first match wins, and a file
 * others can read is ignored (with a note).
 */
final class PgPass {
    private PgPass() {}

    /** The password for this connection, if the file has one; {@code notes} gets why a file was ignored. */
    static Optional<String> lookup(Path file, PostgresUrl url, String user, List<String> notes) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                notes.add("ignoring " + file + ": others can read it (chmod 600 " + file + ")");
                return Optional.empty();
            }
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                List<String> fields = fields(line);
                if (fields.size() < 5) continue;
                if (matches(fields.get(0), url.host()) && matches(fields.get(1), String.valueOf(url.port()))
                        && matches(fields.get(2), url.database()) && matches(fields.get(3), user)) {
                    return Optional.of(fields.get(4));
                }
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            notes.add("cannot read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    /** Splits at unescaped colons; the last field (the password) takes the rest of the line. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
