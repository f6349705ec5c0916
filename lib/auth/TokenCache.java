//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import valor.api.ApiUrl;
import valor.base.DataDirs;
import valor.base.Failure;
import valor.base.Io;
import valor.base.Json;
import valor.base.PrivateFiles;

/**
 * The cached Cognito sign-in: {@code tokens.json} in the valor config folder ({@link DataDirs#configHome}).
 * The folder is 0700 and the file 0600; a cache that others could read or swap is refused with the
 * chmod that fixes it. Writes go to a temporary file in the same folder that is then atomically
 * renamed, so a crash leaves the old cache or the new one, never half a file.
 */
public final class TokenCache {
    public static final String FILE_NAME = "tokens.json";
    private static final String TEMP_PREFIX = ".tokens-";

    private final Path folder;
    private final Path file;

    private TokenCache(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.file = this.folder.resolve(FILE_NAME);
    }

    public static TokenCache of(Io io) {
        return new TokenCache(DataDirs.configHome(io));
    }

    public static TokenCache in(Path folder) {
        return new TokenCache(folder);
    }

    public Path file() {
        return file;
    }

    /** The cached sign-in, or empty when nobody is signed in. */
    public Optional<SignIn> load() {
        if (!Files.exists(file)) return Optional.empty();
        requirePrivate(folder, "folder");
        requirePrivate(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.failed("cannot read the token cache " + file + " (" + e.getMessage() + ")");
        }
        try {
            JsonNode json = Json.parse(text);
            CognitoTokens tokens = new CognitoTokens(required(json, "id_token"), required(json, "access_token"), required(json, "refresh_token"));
            ApiUrl cognito = CognitoClient.parseUrl(required(json, "cognito_url"), "the Cognito URL in " + file);
            return Optional.of(new SignIn(cognito, required(json, "client_id"), required(json, "username"), tokens,
                    Instant.parse(required(json, "signed_in_at"))));
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException damaged) {
            throw Failure.auth("the token cache " + file + " is damaged; run valor-login to sign in again");
        }
    }

    /** Checks, before a password is typed, that a sign-in could be saved here. */
    public void checkWritable() {
        if (Files.exists(folder)) requirePrivate(folder, "folder");
    }

    public void save(SignIn signIn) {
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("version", 1)
                .put("cognito_url", signIn.cognitoUrl().toString())
                .put("client_id", signIn.clientId())
                .put("username", signIn.username())
                .put("signed_in_at", signIn.signedInAt().toString())
                .put("id_token", signIn.tokens().idToken())
                .put("access_token", signIn.tokens().accessToken())
                .put("refresh_token", signIn.tokens().refreshToken());
        byte[] bytes = (json.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
        Path temp = null;
        try {
            PrivateFiles.createFolder(folder);
            requirePrivate(folder, "folder");
            temp = Files.createTempFile(folder, TEMP_PREFIX, ".tmp", PrivateFiles.attributes(PrivateFiles.FILE));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncFolder();
        } catch (IOException e) {
            throw Failure.failed("cannot write the token cache " + file + " (" + e.getMessage() + ")");
        } finally {
            if (temp != null) deleteQuietly(temp);
        }
    }

    /**
     * Saves a refreshed sign-in only if the cache still holds the one it came from: a sync that
     * renews its tokens must not bring back a sign-in the user removed (or replaced) meanwhile.
     */
    public boolean replaceIfStill(String refreshToken, SignIn refreshed) {
        synchronized (TokenCache.class) {
            Optional<SignIn> current;
            try {
                current = load();
            } catch (Failure unreadable) {
                return false;
            }
            if (current.isEmpty() || !refreshToken.equals(current.get().tokens().refreshToken())) return false;
            save(refreshed);
            return true;
        }
    }

    /** Removes the cached tokens (and any temporary file a crash left behind); false if there were none. */
    public boolean delete() {
        boolean removed = false;
        try {
            removed = Files.deleteIfExists(file);
            if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, TEMP_PREFIX + "*.tmp")) {
                    for (Path leftover : leftovers) removed |= Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw Failure.failed("cannot remove the token cache " + file + " (" + e.getMessage() + ")");
        }
        return removed;
    }

    private static void requirePrivate(Path path, String what) {
        Optional<String> open;
        try {
            open = PrivateFiles.openToOthers(path);
        } catch (IOException e) {
            throw Failure.failed("cannot check the permissions of " + path + " (" + e.getMessage() + ")");
        }
        if (open.isPresent()) {
            throw Failure.auth("the token cache " + what + " " + path + " is open to other users (" + open.get()
                    + "); fix it with: " + PrivateFiles.chmodToFix(path));
        }
    }

    private void syncFolder() {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true); // makes the rename itself durable
        } catch (IOException | RuntimeException notSupported) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    private static String required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) throw new IllegalArgumentException("missing " + field);
        return value.asText();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover temp file is removed by the next save or sign-out
        }
    }
}
