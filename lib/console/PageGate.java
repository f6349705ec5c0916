package valor.console;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console's listening socket, between H2 and every caller: H2 reads each request line through
 * it, and only the pages the analyst's session uses get through (its frames, the query and the
 * table tree, history, completion, Disconnect) with the style sheets, scripts and images they load.
 * H2's login and Test Connection pages, its settings, tools and admin pages, which open connections
 * to any driver, URL and user a caller names, are never served, key or no key: their connection
 * closes unanswered, as a request without the key does.
 *
 * <p>The line is read the way H2's WebThread reads it, so both see the same page. One request per
 * connection: once H2 has started its answer the connection reads as closed, so no request can
 * follow, unread by the gate, behind one it let through (H2 keeps connections alive on request).
 */
final class PageGate extends ServerSocket {
    /** The pages the analyst's session asks for, by the names H2 dispatches on. */
    static final Set<String> PAGES = Set.of("frame.jsp", "header.jsp", "query.jsp", "help.jsp",
            "query.do", "tables.do", "editResult.do", "getHistory.do", "autoCompleteList.do", "logout.do");
    /** The files those pages load: a name and a suffix, no folder. H2 serves these from its jar and opens no session for them. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_]+\\.(css|js|gif|png|ico)");
    /** Longer request lines than H2's own pages ever make (a query travels in the body) are refused. */
    private static final int MAX_LINE = 8192;

    private final ServerSocket listening;

    /** Wraps the socket H2 listens on; closing the gate closes it. */
    PageGate(ServerSocket listening) throws IOException {
        this.listening = listening;
    }

    @Override
    public Socket accept() throws IOException {
        return new GatedConnection(listening.accept());
    }

    @Override
    public void close() throws IOException {
        listening.close();
        super.close();
    }

    @Override
    public boolean isClosed() {
        return listening.isClosed();
    }

    @Override
    public int getLocalPort() {
        return listening.getLocalPort();
    }

    @Override
    public InetAddress getInetAddress() {
        return listening.getInetAddress();
    }

    /** Whether H2 may go on with a request whose first line is {@code line} (as H2 reads it; null when there was none). */
    static boolean allows(String line) {
        if (line == null) return false;
        boolean get = line.startsWith("GET ");
        if (!get && !line.startsWith("POST ") || !line.endsWith(" HTTP/1.1")) return false;
        String target = line.substring(get ? 4 : 5, line.length() - " HTTP/1.1".length()).trim();
        if (!target.startsWith("/")) return false;
        String page = target.substring(1);
        int query = page.indexOf('?');
        if (query >= 0) page = page.substring(0, query);
        // H2 serves its login page for "/" and "/?..." (index.do): page is then empty, and refused.
        return PAGES.contains(page) || FILE.matcher(page).matches();
    }

    /** An accepted connection whose input H2 reads through {@link Gate}. */
    private static final class GatedConnection extends Socket {
        private final Socket socket;
        private volatile boolean answering;

        GatedConnection(Socket socket) {
            this.socket = socket;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new Gate(socket.getInputStream());
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return new FilterOutputStream(socket.getOutputStream()) {
                @Override
                public void write(int b) throws IOException {
                    answering = true;
                    out.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    answering = true;
                    out.write(bytes, offset, length);
                }
            };
        }

        @Override
        public synchronized void close() throws IOException {
            socket.close();
            super.close();
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public InetAddress getInetAddress() {
            return socket.getInetAddress();
        }

        @Override
        public int getPort() {
            return socket.getPort();
        }

        @Override
        public InetAddress getLocalAddress() {
            return socket.getLocalAddress();
        }

        @Override
        public int getLocalPort() {
            return socket.getLocalPort();
        }

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            socket.setSoTimeout(timeout);
        }

        /**
         * The request as H2 reads it: its first line, held back until the gate has seen it, then the
         * rest as it comes; nothing once H2 answers, and nothing at all for a refused request.
         */
        private final class Gate extends InputStream {
            private final InputStream in;
            private byte[] lineRead;
            private int replayed;
            /** False until the first line is read and allowed: a line that fails half-way is refused. */
            private boolean allowed;

            Gate(InputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) return 0;
                if (lineRead == null) allowed = allows(firstLine());
                if (!allowed || answering) return -1;
                if (replayed < lineRead.length) {
                    int count = Math.min(length, lineRead.length - replayed);
                    System.arraycopy(lineRead, replayed, buffer, offset, count);
                    replayed += count;
                    return count;
                }
                return in.read(buffer, offset, length);
            }

            /**
             * Reads the first line as H2's WebThread.readHeaderLine does: it ends at LF or CRLF, and a CR
             * followed by anything else is dropped with what follows it. Keeps the bytes, to hand them on.
             */
            private String firstLine() throws IOException {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                StringBuilder line = new StringBuilder();
                try {
                    while (bytes.size() <= MAX_LINE) {
                        int c = in.read();
                        if (c < 0) return null;
                        bytes.write(c);
                        if (c == '\r') {
                            int next = in.read();
                            if (next < 0) return null;
                            bytes.write(next);
                            if (next == '\n') return line.length() > 0 ? line.toString() : null;
                        } else if (c == '\n') {
                            return line.length() > 0 ? line.toString() : null;
                        } else {
                            line.append((char) c);
                        }
                    }
                    return null;
                } finally {
                    lineRead = bytes.toByteArray();
                }
            }
        }
    }
}
