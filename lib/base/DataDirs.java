package valor.base;

import java.nio.file.Path;

/**
 * Where the toolkit keeps its files when the user does not say: XDG style, so a database never
 * lands in whatever folder the user happened to be in.
 */
public final class DataDirs {
    private DataDirs() {}

    /** {@code $XDG_DATA_HOME/valor}, else {@code ~/.local/share/valor}. */
    public static Path dataHome(Io io) {
        String xdg = io.env("XDG_DATA_HOME");
        Path base = xdg != null ? Path.of(xdg) : home(io).resolve(".local/share");
        return base.resolve("valor");
    }

    /** {@code $VALOR_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/valor}, else {@code ~/.config/valor}. */
    public static Path configHome(Io io) {
        String explicit = io.env("VALOR_CONFIG_DIR");
        if (explicit != null) return Path.of(explicit);
        String xdg = io.env("XDG_CONFIG_HOME");
        return (xdg != null ? Path.of(xdg) : home(io).resolve(".config")).resolve("valor");
    }

    public static Path defaultDatabase(Io io) {
        return dataHome(io).resolve("valor.mv.db");
    }

    /** The demo keeps its own file so that trying the toolkit never touches real data. */
    public static Path demoDatabase(Io io) {
        return dataHome(io).resolve("demo.mv.db");
    }

    private static Path home(Io io) {
        String home = io.env("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"));
    }
}
