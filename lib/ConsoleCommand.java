//SOURCES base/package-info.java
//SOURCES cli/package-info.java
//SOURCES console/package-info.java
//SOURCES store/package-info.java
package valor;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.h2.tools.Server;
import valor.base.DataDirs;
import valor.base.Failure;
import valor.base.Io;
import valor.cli.Command;
import valor.cli.Signals;
import valor.console.BrowserPage;
import valor.console.OneSessionWebServer;
import valor.store.AnalystConnections;
import valor.store.DatabaseLocation;
import valor.store.H2Errors;
import valor.store.StoreOptions;

/**
 * valor-console: H2's own web console, in this process, on a loopback port, already logged in
 * to the store through a read-only connection (unless --write). H2 refuses requests from other
 * hosts (no -webAllowOthers) and requests whose Host header is not this machine's, and the
 * port is bound to 127.0.0.1 (h2.bindAddress, see {@link Database}). Other users of this machine
 * can still reach the port, so the console serves only the session it made, whose id is in the
 * printed address ({@link OneSessionWebServer}), and only that session's pages: no one, with the
 * key or without, can open a connection of their own. The key never goes on a command line
 * ({@link BrowserPage}).
 */
public final class ConsoleCommand extends Command {
    static {
        // H2 forgets a console session left idle for h2.consoleTimeout (30 minutes) and would then
        // refuse the analyst too, since no new session is ever made; the key stays valid while the
        // console runs anyway (see --help). Must be set before H2's SysProperties is loaded.
        if (System.getProperty("h2.consoleTimeout") == null) System.setProperty("h2.consoleTimeout", String.valueOf(Integer.MAX_VALUE));
    }

    public ConsoleCommand() {
        super("valor-console");
    }

    public static void main(String[] args) {
        System.exit(new ConsoleCommand().run(args, Io.system()));
    }

    @Override
    protected String summary() {
        return "Open your Valor store in H2's web console, on 127.0.0.1 only, read-only unless --write."
                + " Prints the address (and opens a browser where there is a display); Ctrl-C or Disconnect stops it.";
    }

    @Override
    protected void addOptions(Options options) {
        StoreOptions.addForReading(options);
        options.addOption(Option.builder().longOpt("write").desc("let the console change the store (default: read-only)").get());
        options.addOption(Option.builder().longOpt("port").hasArg().argName("PORT")
                .desc("port on 127.0.0.1 to serve on (default: a free one)").get());
        options.addOption(Option.builder().longOpt("no-browser").desc("only print the address; do not open a browser").get());
    }

    @Override
    protected String epilogue() {
        return """
                The address carries a session key, the only way in: anyone with it can query the store through the
                console until it stops, and nothing else (its login, Test Connection, tools and settings pages, which
                open other databases, are refused even with the key). Other users and programs on this machine can
                reach the port, but any request without the key is refused (the connection closes, no page). The
                browser is opened on a private file that leads to the address, never on the address itself, which
                others could read in the process list. Stop the console when you are done.

                For a team store (--db jdbc:postgresql://...) use psql, DBeaver or pgAdmin instead: the console is H2's.

                Exit codes: 0 stopped; 1 the console could not start; 2 usage error (a team store included).

                Examples:
                  valor-console --demo
                  valor-console --db ~/club.mv.db --port 8082 --no-browser
                """;
    }

    @Override
    protected int execute(CommandLine line, Io io) throws Exception {
        if (!line.getArgList().isEmpty()) throw Failure.usage("unexpected argument '" + line.getArgList().get(0) + "' (see --help)");
        Integer port = intOption(line, "port", 0, 65535);
        boolean write = line.hasOption("write");
        DatabaseLocation location = StoreOptions.existing(line, io);
        if (location.isPostgres()) {
            // H2's console is made for H2 databases (its tree and completion read H2's catalog); a team store has better clients.
            throw Failure.usage("the console is H2's and opens store files only; for the team store " + location.display()
                    + " use psql, DBeaver or pgAdmin (or valor-sql, valor-shell)");
        }
        AnalystConnections.Session session = AnalystConnections.open(location, write); // also sets h2.bindAddress
        CountDownLatch stopped = new CountDownLatch(1);
        OneSessionWebServer web = new OneSessionWebServer();
        Server server;
        URI address;
        try {
            // -properties null: never read or write ~/.h2.server.properties (saved logins, history).
            server = new Server(web, "-webPort", String.valueOf(port == null ? 0 : port), "-properties", "null");
            web.setShutdownHandler(stopped::countDown); // the console's Disconnect button
            // The analyst's session, made before the port opens: from then on the console makes no other.
            address = URI.create(web.addSession(session.connection())); // H2 names its host; we serve on loopback only
            server.start();
        } catch (SQLException e) {
            session.close();
            throw Failure.failed("cannot start the console on 127.0.0.1:" + (port == null ? "(any)" : port) + ": "
                    + H2Errors.firstLine(e), e);
        }
        String url = "http://127.0.0.1:" + web.getPort() + address.getRawPath() + "?" + address.getRawQuery();
        stopOnSignal(stopped);
        io.out().println("valor-console: " + location.display() + " is open " + (write ? "for writing" : "read-only") + " at");
        io.out().println(url);
        io.out().println("(Ctrl-C to stop)");
        io.out().flush();
        BrowserPage page = line.hasOption("no-browser") ? null : openBrowser(url, io);
        followTheStore(session, web, stopped);
        server.stop();
        if (page != null) page.close();
        session.close(io.err(), name());
        return Failure.OK;
    }

    /**
     * Until the console stops, gives it the store reopened whenever a sync changed it (see
     * Session.current): a read-only view of the file would go on showing the store as it was.
     */
    private static void followTheStore(AnalystConnections.Session session, OneSessionWebServer web, CountDownLatch stopped)
            throws InterruptedException {
        Connection given = session.connection();
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            try {
                Connection current = session.current();
                if (current != given) web.replaceConnection(current);
                given = current;
            } catch (RuntimeException notNow) {
                // the file is changing hands this very moment: the next look finds it settled
            }
        }
    }

    /**
     * Ctrl-C (or a TERM) stops the console through {@link #execute}'s orderly close, which waits
     * for a valor-sync writing through this process; the JVM's default would close the database
     * under it at once. A second Ctrl-C exits without waiting.
     */
    private static void stopOnSignal(CountDownLatch stopped) {
        Signals.onStop(signal -> {
            if (stopped.getCount() == 0) System.exit(128 + signal);
            stopped.countDown();
        });
    }

    /**
     * Only where someone can see a window: on a headless server a browser would start unseen or fail.
     * The browser gets a private page that leads to the address ({@link BrowserPage}), never the
     * address itself: every user of the machine can read a program's arguments.
     */
    private static BrowserPage openBrowser(String url, Io io) {
        boolean display = io.env("DISPLAY") != null || io.env("WAYLAND_DISPLAY") != null
                || System.getProperty("os.name", "").startsWith("Mac") || System.getProperty("os.name", "").startsWith("Windows");
        if (!display) return null;
        BrowserPage page = null;
        try {
            page = BrowserPage.write(DataDirs.dataHome(io).resolve("console"), url);
            Server.openBrowser(page.uri().toString());
        } catch (Exception e) {
            io.err().println("valor-console: could not open a browser (" + e.getMessage() + "); open the address above");
        }
        return page;
    }
}
