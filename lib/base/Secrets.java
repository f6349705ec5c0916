package valor.base;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps tokens and passwords out of everything we print or store. Every secret the process
 * learns is registered here, and every message that leaves the process goes through
 * {@link #redact}; anything shaped like a JWT is masked even if nobody registered it.
 */
public final class Secrets {
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
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
        return JWT.matcher(result).replaceAll(MASK);
    }
}
