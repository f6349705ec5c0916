package valor.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import valor.base.Failure;
import valor.base.Io;
import valor.base.Secrets;
import valor.base.ShellQuote;

/**
 * The token a user hands valor-sync directly: {@code --token-file FILE}, {@code --token -}
 * (standard input), {@code --token VALUE} or {@code VALOR_TOKEN}. A value on the command line
 * works but is visible to every user of the machine in {@code ps}, so it earns a warning.
 */
public final class ExplicitToken {
    /** Far more than any JWT; a bigger file or stream is not a token. */
    private static final int MAX_TOKEN_BYTES = 64 * 1024;

    private ExplicitToken() {}

    /**
     * --token (a value, or '-' for standard input), --token-file or VALOR_TOKEN, checked; null when
     * none is given (then a sign-in is used, see {@link SyncCredentials}). Adds to {@code warnings}
     * what the user should fix about how the token was given.
     */
    public static String resolve(String tokenFlag, String tokenFile, Io io, List<String> warnings) {
        String source;
        String token;
        if (tokenFile != null) {
            source = "--token-file " + tokenFile;
            token = readTokenFile(tokenFile, warnings);
        } else if ("-".equals(tokenFlag)) {
            source = "--token - (standard input)";
            token = readTokenFromStdin(io);
        } else if (tokenFlag != null) {
            source = "--token";
            token = tokenFlag;
            if (!token.isBlank()) {
                warnings.add("--token puts the token on the command line, where other users of this machine can see it (ps, /proc);"
                        + " use --token-file FILE, '--token -' (standard input) or VALOR_TOKEN instead");
            }
        } else {
            source = "VALOR_TOKEN";
            token = io.env("VALOR_TOKEN");
        }
        if (token == null || token.isBlank()) return null;
        Secrets.register(token);
        token = token.strip();
        if (token.startsWith("Bearer ")) token = token.substring("Bearer ".length()).strip();
        if (token.chars().anyMatch(Character::isWhitespace)) throw Failure.usage(source + " must be a single token without spaces");
        return Secrets.register(token);
    }

    private static String readTokenFile(String name, List<String> warnings) {
        String flag = "--token-file " + name;
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw Failure.usage(flag + " is not a valid path");
        }
        if (!Files.exists(file)) throw Failure.usage(flag + " does not exist");
        if (Files.isDirectory(file)) throw Failure.usage(flag + " is a folder, not a file with the token");
        String token;
        try (InputStream in = Files.newInputStream(file)) {
            token = decodeToken(in.readNBytes(MAX_TOKEN_BYTES + 1), flag);
        } catch (AccessDeniedException e) {
            throw Failure.usage(flag + " cannot be read (permission denied)");
        } catch (IOException e) {
            throw Failure.usage(flag + " cannot be read (" + e.getMessage() + ")");
        }
        if (token.isBlank()) throw Failure.usage(flag + " is empty; put the token in it");
        if (readableByOthers(file)) {
            warnings.add(flag + " can be read by other users of this machine; make it private with: chmod 600 " + ShellQuote.quote(name));
        }
        return token;
    }

    private static String readTokenFromStdin(Io io) {
        String token;
        try {
            token = decodeToken(io.in().readNBytes(MAX_TOKEN_BYTES + 1), "--token - (standard input)");
        } catch (IOException e) {
            throw Failure.usage("--token -: cannot read standard input (" + e.getMessage() + ")");
        }
        if (token.isBlank()) throw Failure.usage("--token - read no token from standard input; pipe it in, e.g. valor-sync --token - < token.txt");
        return token;
    }

    private static String decodeToken(byte[] bytes, String source) {
        if (bytes.length > MAX_TOKEN_BYTES) throw Failure.usage(source + " holds more than " + MAX_TOKEN_BYTES / 1024 + " KiB; that is not a token");
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Failure.usage(source + " is not text; it should hold only the token");
        }
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException cannotTell) {
            return false; // not a POSIX file system: nothing we can advise
        }
    }
}
