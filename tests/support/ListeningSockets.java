package valor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads the kernel's table of listening TCP sockets (Linux /proc/net/tcp and tcp6), to see which address a port is bound to. */
final class ListeningSockets {
    static final String LOOPBACK_V4 = "127.0.0.1";
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** The local addresses listening on {@code port}, as text: 127.0.0.1, 0.0.0.0, ::, ::1, ::ffff:127.0.0.1 ... */
    static List<String> addressesListeningOn(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) continue;
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (!fields[3].equals(LISTEN) || Integer.parseInt(local[1], 16) != port) continue;
                addresses.add(decode(local[0]));
            }
        }
        return addresses;
    }

    /** Whether an address from {@link #addressesListeningOn} reaches this machine only. */
    static boolean isLoopback(String address) {
        return address.equals(LOOPBACK_V4) || address.equals("::1") || address.equals("::ffff:127.0.0.1");
    }

    /** The AUTO_SERVER port H2 wrote into the .lock.db file next to a database, or -1 when none is open. */
    static int autoServerPort(Path database) throws IOException {
        Path lock = database.resolveSibling(database.getFileName().toString().replace(".mv.db", ".lock.db"));
        if (!Files.exists(lock)) return -1;
        Properties properties = new Properties();
        try (var in = Files.newInputStream(lock)) {
            properties.load(in);
        }
        String server = properties.getProperty("server");
        return server == null ? -1 : Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
    }

    /** /proc stores addresses as hex words in host (little-endian) byte order. */
    private static String decode(String hex) {
        if (hex.length() == 8) {
            long value = Long.parseLong(hex, 16);
            return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
        }
        int[] words = new int[8];
        for (int w = 0; w < 4; w++) {
            long word = Long.parseLong(hex.substring(w * 8, w * 8 + 8), 16);
            long swapped = Long.reverseBytes(word) >>> 32;
            words[w * 2] = (int) (swapped >> 16 & 0xffff);
            words[w * 2 + 1] = (int) (swapped & 0xffff);
        }
        boolean mapped = words[0] == 0 && words[1] == 0 && words[2] == 0 && words[3] == 0 && words[4] == 0 && words[5] == 0xffff;
        if (mapped) return "::ffff:" + (words[6] >> 8) + "." + (words[6] & 0xff) + "." + (words[7] >> 8) + "." + (words[7] & 0xff);
        boolean any = true;
        for (int word : words) any &= word == 0;
        if (any) return "::";
        boolean one = words[7] == 1;
        for (int i = 0; i < 7; i++) one &= words[i] == 0;
        if (one) return "::1";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) text.append(i == 0 ? "" : ":").append(Integer.toHexString(words[i]));
        return text.toString();
    }
}
