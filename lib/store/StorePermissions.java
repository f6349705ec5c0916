package valor.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import valor.base.Failure;
import valor.base.Io;
import valor.base.PrivateFiles;

/**
 * Keeps other users of the machine out of the store: its folder 0700 and its files 0600. A store
 * the user placed where others can read it is refused with the chmod that fixes it; the
 * toolkit's own data folder, which older versions created with the umask's permissions, is
 * made private in place.
 */
final class StorePermissions {
    private StorePermissions() {}

    /** Creates the toolkit's data folder as 0700, or makes an existing one (and its stores) private. */
    static void ownDataFolder(Path store, boolean create, Io io) {
        Path folder = store.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(folder)) {
                if (create) PrivateFiles.createFolder(folder);
                return;
            }
            Optional<String> was = PrivateFiles.openToOthers(folder);
            if (was.isPresent()) {
                PrivateFiles.restrict(folder, PrivateFiles.FOLDER);
                io.err().println("valor: made " + folder + " private (chmod 700; it was " + was.get() + "): other users could read the stores in it");
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".db")).toList()) {
                    if (PrivateFiles.openToOthers(file).isPresent()) PrivateFiles.restrict(file, PrivateFiles.FILE);
                }
            }
        } catch (IOException e) {
            throw Failure.usage("cannot create or make private " + folder + " for the database (" + e.getMessage() + "); pass --db PATH");
        }
    }

    /** Refuses a store whose folder or file others can use; {@code source} names the flag ("--db ") or is empty. */
    static void requirePrivate(Path folder, Path file, String source) {
        for (Path path : new Path[] {folder, file}) {
            Optional<String> open;
            try {
                open = PrivateFiles.openToOthers(path);
            } catch (IOException e) {
                throw Failure.usage("cannot check the permissions of " + path + " (" + e.getMessage() + ")");
            }
            if (open.isPresent()) {
                throw Failure.usage(source + (path == folder ? "folder " : "") + path + " is open to other users (" + open.get()
                        + "), who could read the store; fix it with: "
                        + PrivateFiles.chmodToFix(path) + " (or pass --allow-open-permissions if they are meant to)");
            }
        }
    }

    /** Makes private the files H2 has just created beside the store (it uses the umask's permissions). */
    static void restrictCreated(DatabaseLocation location) {
        if (location.file() == null || location.openAllowed()) return;
        String base = DatabaseLocation.base(location.file());
        for (String suffix : new String[] {DatabaseLocation.H2_SUFFIX, ".lock.db", ".trace.db"}) {
            Path path = Path.of(base + suffix);
            try {
                if (PrivateFiles.openToOthers(path).isPresent()) PrivateFiles.restrict(path, PrivateFiles.FILE);
            } catch (IOException gone) {
                // H2 removes the lock file when it closes; nothing left to restrict
            }
        }
    }
}
