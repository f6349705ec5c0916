package valor.base;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the user runs the toolkit's commands, so that a hint names the next command the way this
 * one was run: through an installed launcher ({@code valor-sql}, or its path when its folder is not
 * on the PATH), through the checkout's {@code ./jbang}, or through the JBang catalog this command
 * came from ({@code jbang valor-sql@org}, see {@link JBangCatalog}). Empty when none of these is
 * known: a hint then says to run the command the way this one was run, never a placeholder.
 */
public final class Invocation {
    /** The system property a launcher sets to the folder it was installed in. */
    public static final String LAUNCHER_FOLDER = "valor.launchers";

    private Invocation() {}

    /** The command line that runs {@code alias} the way this command was run, if that is known. */
    public static Optional<String> command(String alias, Io io) {
        String launchers = System.getProperty(LAUNCHER_FOLDER);
        if (launchers != null && !launchers.isBlank()) {
            Path folder = Path.of(launchers).toAbsolutePath().normalize();
            return Optional.of(onPath(folder, io) ? alias : ShellQuote.quote(folder.resolve(alias).toString()));
        }
        Optional<Path> checkout = Checkout.find();
        if (checkout.isPresent()) return Optional.of(wrapper(checkout.get()) + " " + alias);
        return JBangCatalog.origin(io).map(catalog -> "jbang " + alias + "@" + catalog.name());
    }

    /** {@link #command}, or the bare alias when how this command was run is not known. */
    public static String commandOrAlias(String alias, Io io) {
        return command(alias, io).orElse(alias);
    }

    /** ./jbang from the checkout's top folder, ../jbang one below, and so on. */
    private static String wrapper(Path checkout) {
        Path here = Path.of("").toAbsolutePath();
        if (here.equals(checkout)) return "./jbang";
        String relative = here.relativize(checkout.resolve("jbang")).toString();
        return ShellQuote.quote(relative);
    }

    private static boolean onPath(Path folder, Io io) {
        String path = io.env("PATH");
        if (path == null) return false;
        for (String entry : List.of(path.split(":"))) {
            if (!entry.isBlank() && Path.of(entry).toAbsolutePath().normalize().equals(folder)) return true;
        }
        return false;
    }
}
