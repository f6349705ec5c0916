package valor.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import valor.base.DataDirs;
import valor.base.Failure;
import valor.base.Io;
import valor.base.PrivateFiles;
import valor.base.Secrets;

/**
 * The secret the store's accounts are protected with: 32 random bytes in {@code store.key} in
 * the config folder (a 0600 file in a 0700 folder), made the first time a store is opened and
 * shared by every store of this account. The admin (SA) password is the key itself and the
 * read-only account's is derived from it, so someone who finds the auto-server's port and key in
 * a {@code .lock.db}, or the port of a console, has no password to log in with.
 *
 * <p>It lives outside the store on purpose: a copied store file is useless without it, and it
 * never travels with a backup of the data folder. Losing it locks this toolkit out of its stores
 * (they can be synced again); {@link #lockedOut} says so.
 */
public final class StoreKey {
    public static final String FILE_NAME = "store.key";
    /** Names another key file: for several config folders (VALOR_CONFIG_DIR) that share stores. */
    public static final String ENV = "VALOR_STORE_KEY";
    private static final int KEY_BYTES = 32;

    private final Path file;
    private String secret;

    private StoreKey(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** The key of the account {@code io} runs as: {@code $VALOR_STORE_KEY}, else {@code store.key} in {@link DataDirs#configHome}. */
    public static StoreKey of(Io io) {
        String explicit = io.env(ENV);
        return new StoreKey(explicit != null && !explicit.isBlank() ? Path.of(explicit) : DataDirs.configHome(io).resolve(FILE_NAME));
    }

    public static StoreKey at(Path file) {
        return new StoreKey(file);
    }

    public Path file() {
        return file;
    }

    /** SA's password. */
    String adminPassword() {
        return secret();
    }

    /** VALOR_READER's password: derived, so the key file stays the one secret to keep. */
    String readerPassword() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("valor-reader\0" + secret()).getBytes(StandardCharsets.UTF_8));
            return Secrets.register(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The line for a store this key does not open. */
    String lockedOut(String store) {
        return store + " is protected by a password this toolkit does not know: it was made with another store key than "
                + file + " (another account or config folder, or a key since removed); point " + ENV + " at that key, or sync into a new file";
    }

    private synchronized String secret() {
        if (secret == null) secret = Secrets.register(loadOrCreate());
        return secret;
    }

    private String loadOrCreate() {
        Path folder = file.getParent();
        try {
            if (!Files.exists(file)) create(folder);
            requirePrivate(folder);
            requirePrivate(file);
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (text.length() < 32) throw Failure.usage("the store key " + file + " is damaged (too short); restore it from a backup");
            return text;
        } catch (IOException e) {
            throw Failure.failed("cannot read or create the store key " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes a fresh key to a temporary file and links it into place: the link fails if another
     * process made the key first, and then that one is used, so two first runs agree on one key.
     */
    private void create(Path folder) throws IOException {
        PrivateFiles.createFolder(folder);
        byte[] random = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
        Path temp = Files.createTempFile(folder, ".store-key-", ".tmp", PrivateFiles.attributes(PrivateFiles.FILE));
        try {
            Files.writeString(temp, key, StandardCharsets.US_ASCII);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException madeByAnotherProcess) {
            // theirs is the key
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void requirePrivate(Path path) throws IOException {
        Optional<String> open = PrivateFiles.openToOthers(path);
        if (open.isPresent()) {
            throw Failure.usage("the store key " + (Files.isDirectory(path) ? "folder " : "") + path + " is open to other users ("
                    + open.get() + "); fix it with: " + PrivateFiles.chmodToFix(path));
        }
    }
}
