package valor.base;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files and folders only their owner may use: the token cache, the store key, the store itself.
 * On a shared machine any group or other permission bit lets someone else read, list or swap
 * them. Where the file system has no POSIX permissions there is nothing to check or set.
 */
public final class PrivateFiles {
    public static final String FOLDER = "rwx------";
    public static final String FILE = "rw-------";
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {}

    /** Creates the folder (and missing parents) as 0700, whatever the umask; an existing folder is left as it is. */
    public static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) return;
        Files.createDirectories(folder, attributes(FOLDER));
        restrict(folder, FOLDER);
    }

    /** The attributes to create a file or folder with ({@link #FILE} or {@link #FOLDER}); none where permissions do not exist. */
    public static FileAttribute<?>[] attributes(String permissions) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return new FileAttribute<?>[0];
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }

    /** Sets the permissions ({@link #FILE} or {@link #FOLDER}); a no-op where permissions do not exist. */
    public static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // nothing to set on this file system
        }
    }

    /** The path's permissions as {@code ls} shows them ("rwxr-xr-x") when others have any, else empty (also when it is gone). */
    public static Optional<String> openToOthers(Path path) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.stream().anyMatch(OPEN_TO_OTHERS::contains)
                    ? Optional.of(PosixFilePermissions.toString(permissions)) : Optional.empty();
        } catch (UnsupportedOperationException | NoSuchFileException nothingToCheck) {
            return Optional.empty();
        }
    }

    /**
     * The path's permissions as {@code ls} shows them ("rwxrwxrwx") when group or others may write it,
     * else empty (also when it is gone): for what others may read but must not change, such as saved queries.
     */
    public static Optional<String> writableByOthers(Path path) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)
                    ? Optional.of(PosixFilePermissions.toString(permissions)) : Optional.empty();
        } catch (UnsupportedOperationException | NoSuchFileException nothingToCheck) {
            return Optional.empty();
        }
    }

    /** The command that takes group's and others' write permission away, for an error line, quoted for the shell. */
    public static String chmodToStopOthersWriting(Path path) {
        return "chmod go-w " + ShellQuote.quote(path.toString());
    }

    /** The command that makes a path private, for an error line: {@code chmod 700 FOLDER} or {@code chmod 600 FILE}, quoted for the shell. */
    public static String chmodToFix(Path path) {
        return "chmod " + (Files.isDirectory(path) ? "700" : "600") + " " + ShellQuote.quote(path.toString());
    }
}
