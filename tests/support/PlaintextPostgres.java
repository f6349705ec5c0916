package valor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on another machine, as the client sees it, that speaks just enough of PostgreSQL's
 * protocol to steal a password: it declines TLS (answers 'N' to SSLRequest), then asks for the
 * password in clear. It records what each client sent, so a test can tell whether the password
 * (or even the user's name) ever reached it. Made to offer TLS instead, it answers 'S' and then
 * has no certificate anyone could verify: it hangs up.
 */
final class PlaintextPostgres implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int PROTOCOL_3 = 196608;

    private final ServerSocket socket;
    private final boolean offersTls;
    private final Thread acceptor;
    /** What clients sent, in order: "SSLRequest", "GSSENCRequest", "startup user=NAME", "password SECRET". */
    final List<String> received = new CopyOnWriteArrayList<>();

    private PlaintextPostgres(ServerSocket socket, boolean offersTls) {
        this.socket = socket;
        this.offersTls = offersTls;
        this.acceptor = new Thread(this::acceptAll, "plaintext-postgres");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on {@code address}, on a free port; {@code offersTls} says whether it answers an SSLRequest with yes. */
    static PlaintextPostgres on(InetAddress address, boolean offersTls) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(address, 0));
        return new PlaintextPostgres(socket, offersTls);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(10_000);
                converse(new DataInputStream(client.getInputStream()), new DataOutputStream(client.getOutputStream()));
            } catch (IOException clientLeftOrClosed) {
                // the next client, if any
            }
        }
    }

    private void converse(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                received.add(code == SSL_REQUEST ? "SSLRequest" : "GSSENCRequest");
                out.writeByte(code == SSL_REQUEST && offersTls ? 'S' : 'N');
                out.flush();
                if (code == SSL_REQUEST && offersTls) return;
                continue;
            }
            if (code != PROTOCOL_3) return;
            byte[] parameters = in.readNBytes(length - 8);
            received.add("startup user=" + parameter(parameters, "user"));
            out.writeByte('R'); // AuthenticationCleartextPassword
            out.writeInt(8);
            out.writeInt(3);
            out.flush();
            if (in.readByte() != 'p') return;
            byte[] password = in.readNBytes(in.readInt() - 4);
            received.add("password " + new String(password, 0, Math.max(0, password.length - 1), StandardCharsets.UTF_8));
            return;
        }
    }

    /** A value of the startup message's NUL-separated name/value pairs. */
    private static String parameter(byte[] pairs, String name) {
        String[] parts = new String(pairs, StandardCharsets.UTF_8).split("\0");
        for (int i = 0; i + 1 < parts.length; i += 2) if (parts[i].equals(name)) return parts[i + 1];
        return "";
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(5000);
    }
}
