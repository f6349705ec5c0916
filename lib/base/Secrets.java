package valor.base;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps tokens and passwords out of everything we print or store. Every secret the process
 * learns is registered here; every message that leaves the process goes through {@link #redact},
 * and so does every piece of text a server sent before a message is built from it (a server may
 * echo the request, Authorization header included). Anything shaped like a JWT, and whatever
 * follows "Bearer", is masked even if nobody registered it, or if it was cut short.
 */
public final class Secrets {
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    /** A JWT, or its start: header and payload without the signature are still the token's claims. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}(\\.[A-Za-z0-9_-]*)?");
    /** "Bearer ..." as an Authorization header carries it; a backslash too, for a server that escaped a slash in JSON. */
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer\\s+)[A-Za-z0-9._~+/=\\\\-]{8,}");
    private static final String MASK = "[redacted]";

    private Secrets() {}

    public static String register(String secret) {
        if (secret != null && secret.length() >= 4) KNOWN.add(secret);
        return secret;
    }

    public static String redact(String text) {
        if (text == null) return null;
        String result = text;
        for (String secret : KNOWN) {
            if (result.contains(secret)) result = result.replace(secret, MASK);
        }
        result = JWT.matcher(result).replaceAll(MASK);
        return BEARER.matcher(result).replaceAll("$1" + MASK);
    }
}
