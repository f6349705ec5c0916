//DEPS com.h2database:h2:2.3.232
package valor.console;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import org.h2.server.web.WebServer;

/**
 * H2's web console server with exactly one session: the one {@link #addSession} makes for the
 * analyst, already connected to the store. Its id, the jsessionid in the printed address, is the
 * key to the console; a request without it is refused before H2 does anything for it.
 *
 * <p>Stock H2 gives every request that brings no known session id a fresh session of its own, and
 * that session can open a connection to any JDBC URL (login.do, test.do; the tools page too once
 * admin) — a database the requester can write is enough to run Java in this process with CREATE
 * ALIAS. In H2 2.3.232 the only way to have a session is WebServer.createNewSession, which the
 * request path (WebApp.processRequest, for every .do, .jsp and .html page) calls whenever the
 * request's id is unknown; static files (.css, .js, images) need no session and open nothing.
 * createNewSession is package-private, so it cannot be overridden here; the one overridable step
 * on its way is the new WebSession asking for {@link #getCommandHistoryList}, before the session
 * is stored. Once the analyst's session exists that call throws: H2's request thread catches the
 * exception and closes the connection without an answer, so no page is processed and no second
 * session ever exists. The key opens only the session's own pages: {@link PageGate} refuses the
 * login, Test Connection, tools, settings and admin pages to everyone.
 */
public final class OneSessionWebServer extends WebServer {
    /** Set once the analyst's session exists; from then on no other session may be made. */
    private volatile boolean sealed;
    /** Whether H2 asked {@link #getCommandHistoryList} while making the analyst's session: proof the gate sits on the path. */
    private boolean askedWhileMakingASession;

    /** Makes the analyst's session, the only one there will be; call it before the server starts listening. */
    @Override
    public synchronized String addSession(Connection connection) throws SQLException {
        if (sealed) throw new IllegalStateException("the console already has its session");
        String address = super.addSession(connection);
        if (!askedWhileMakingASession) {
            throw new IllegalStateException("this H2 makes web sessions without asking getCommandHistoryList(),"
                    + " so the console could not refuse other sessions; see " + OneSessionWebServer.class.getName());
        }
        sealed = true;
        return address;
    }

    /**
     * Listening before the analyst's session exists would hand the first caller a session of their own.
     * H2's socket is put behind a {@link PageGate} before H2 accepts anything on it: with the key, a
     * caller must still not reach the pages that open connections of their choosing.
     */
    @Override
    public void start() {
        if (!sealed) throw new IllegalStateException("add the analyst's session before starting the console");
        super.start();
        try {
            Field listening = WebServer.class.getDeclaredField("serverSocket");
            listening.setAccessible(true);
            listening.set(this, new PageGate((ServerSocket) listening.get(this)));
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            super.stop();
            throw new IllegalStateException("this H2 listens in a way the console cannot gate: " + e, e);
        }
    }

    /** Called by H2 while it makes a session, and nowhere else: the gate. */
    @Override
    public ArrayList<String> getCommandHistoryList() {
        if (sealed) throw new SessionRefused();
        askedWhileMakingASession = true;
        return super.getCommandHistoryList();
    }

    /**
     * Gives the analyst's session another connection: the store reopened after a sync changed it.
     * H2 offers no public way to, so this calls its package-private WebSession.setConnection (which
     * also rereads the table tree); an H2 that changed it fails here, loudly, not silently.
     */
    public synchronized void replaceConnection(Connection connection) {
        if (!sealed) throw new IllegalStateException("the console has no session yet");
        try {
            Field sessions = WebServer.class.getDeclaredField("sessions");
            sessions.setAccessible(true);
            for (Object session : ((Map<?, ?>) sessions.get(this)).values()) {
                Method setConnection = session.getClass().getDeclaredMethod("setConnection", Connection.class);
                setConnection.setAccessible(true);
                setConnection.invoke(session, connection);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this H2 cannot be given the reopened store: " + e, e);
        }
    }

    /** Thrown into H2's request thread, which drops the request's connection (a RuntimeException: H2 catches Exception there). */
    private static final class SessionRefused extends RuntimeException {
        SessionRefused() {
            super("the console serves only the session in the address valor-console printed", null, false, false);
        }
    }
}
