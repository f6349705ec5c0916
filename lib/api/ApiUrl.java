package valor.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import valor.base.Failure;

/** A checked API root: https, or plain http only on this machine (the fake API, a test server). */
public record ApiUrl(URI root) {
    public static final String PRODUCTION = "https://487q8d7goe.execute-api.us-east-1.amazonaws.com/production";

    /** @param source what the user typed it into, for the error line ("--base-url", "VALOR_API_URL") */
    public static ApiUrl parse(String text, String source) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw Failure.usage(source + " is not a URL: " + text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw Failure.usage(source + " must be an http(s):// URL with a host, not " + text);
        }
        if (uri.getRawUserInfo() != null) throw Failure.usage(source + " must not carry credentials; use --token");
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw Failure.usage(source + " uses plain http:// for " + uri.getHost()
                    + "; only loopback hosts may (tokens would travel unencrypted); use https://");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return new ApiUrl(URI.create(scheme + "://" + uri.getRawAuthority() + path));
    }

    public URI endpoint(String name, Map<String, String> query) {
        StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((key, value) -> params.add(encode(key) + "=" + encode(value)));
        return URI.create(root + "/" + name + params);
    }

    /**
     * An HttpClient for this root: HTTP/1.1 for plain http (loopback test servers, where the h2c
     * upgrade dance is wasted), HTTP/2 where TLS can negotiate it; connecting never waits longer
     * than the request timeout, nor more than 10 s.
     */
    public HttpClient.Builder httpClient(Duration timeout) {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(Math.min(10, Math.max(1, timeout.toSeconds()))))
                .version(root.getScheme().equals("http") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2);
    }

    /** True when both have the same scheme, host and port: the only place a token may follow a redirect to. */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null && a.getHost() != null && b.getHost() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    /** scheme://host:port, for saying which server answered. */
    public static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        return scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** A URL fit for an error line: without userinfo, query or fragment, which may carry credentials. */
    public static String shown(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) return uri.getRawPath() == null ? "?" : uri.getRawPath();
        return origin(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) return uri.getPort();
        return switch (uri.getScheme().toLowerCase()) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    static boolean isLoopback(String host) {
        String bare = host.replaceAll("^\\[|]$", "");
        if (bare.equalsIgnoreCase("localhost")) return true;
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) return false; // a name: never resolve it just to decide
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
