package valor.store;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import valor.base.Failure;

/**
 * The PostgreSQL URLs {@code --db} and {@code VALOR_DB} accept: {@code jdbc:postgresql://HOST[:PORT]/DB}
 * with only the connection settings below. The driver instantiates classes some parameters name
 * (socketFactory, sslfactory, authenticationPluginClassName...), so everything else is refused;
 * and credentials never travel in the URL, where other users see them in the process list.
 *
 * @param host     the server's host name or address
 * @param port     its port (5432 unless given)
 * @param database the database name
 * @param url      the URL to connect with
 */
public record PostgresUrl(String host, int port, String database, String url) {
    static final String PREFIX = "jdbc:postgresql:";
    static final List<String> ALLOWED_SETTINGS = List.of("sslmode", "sslrootcert", "sslcert", "sslkey", "connectTimeout",
            "socketTimeout", "loginTimeout", "tcpKeepAlive", "ApplicationName");

    static boolean is(String given) {
        return given.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    static PostgresUrl parse(String given, String source) {
        URI uri;
        try {
            uri = new URI(given.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw Failure.usage(source + " is not a PostgreSQL URL (jdbc:postgresql://HOST[:PORT]/DATABASE): " + e.getReason());
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2 || uri.getPath().indexOf('/', 1) >= 0) {
            throw Failure.usage(source + " must look like jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        if (uri.getRawUserInfo() != null) throw credentialsInUrl(source);
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("user") || lower.equals("password")) throw credentialsInUrl(source);
                if (ALLOWED_SETTINGS.stream().noneMatch(name::equalsIgnoreCase)) {
                    throw Failure.usage(source + ": the setting " + name + " is not allowed in the URL (allowed: "
                            + String.join(", ", ALLOWED_SETTINGS) + ")");
                }
            }
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String database = uri.getPath().substring(1);
        return new PostgresUrl(uri.getHost(), port, database, PREFIX + "//" + uri.getRawAuthority() + uri.getRawPath()
                + (query == null ? "" : "?" + query));
    }

    private static Failure credentialsInUrl(String source) {
        return Failure.usage(source + " must not carry credentials (others can read command lines): use PGUSER and PGPASSWORD,"
                + " ~/.pgpass, or --db-user and --db-password-file");
    }

    /**
     * Whether the host is this machine by name: localhost or a loopback address as written. A name is
     * not looked up: what it resolves to now need not be where the driver connects a moment later.
     */
    boolean loopback() {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.equalsIgnoreCase("localhost")) return true;
        if (!name.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) return false; // an address literal, so no lookup below
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    /** Whether the URL chooses its own sslmode (then it is the user's choice, and kept). */
    boolean setsSslMode() {
        int query = url.indexOf('?');
        if (query < 0) return false;
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.regionMatches(true, 0, "sslmode=", 0, "sslmode=".length())) return true;
        }
        return false;
    }

    /** What to show the user: host, port and database; the URL carries no credentials. */
    public String display() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }
}
