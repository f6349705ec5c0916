package valor.base;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Every HTML page the toolkit writes (valor-report's pages and index, valor-chart's charts) holds
 * names the API sent, and any of them may be markup. This is the one place those pages get their
 * safety from: text escaped for element content and quoted attributes, data as JSON that cannot
 * end the script element it sits in, and a Content-Security-Policy that lets only the page's own
 * scripts run (by their hashes, so an injected handler or script would not) and reaches nothing on
 * the network. Scripts in the pages that build HTML from data escape it with ECharts' own
 * {@code echarts.format.encodeHTML}.
 */
public final class Html {
    private Html() {}

    /** Text for an element's content or a quoted attribute's value. */
    public static String text(String value) {
        if (value == null) return "";
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * JSON for a {@code <script type="application/json">} element. In JSON these characters can only
     * be inside strings, where the escapes mean the same: no {@code </script>}, {@code <!--} or
     * {@code -->} can appear, and U+2028/U+2029 cannot end a line should the text ever be read as script.
     */
    public static String json(JsonNode data) {
        return Json.write(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /**
     * The page's Content-Security-Policy as a meta element, for its head before any script or style. Only the
     * inline scripts given run (each allowed by its SHA-256, so their text must be exactly what the
     * page holds); inline styles are allowed (ECharts styles its tooltips with them); images and
     * fonts only from data: URLs; no connection, frame, form, plugin or base URL anywhere.
     */
    public static String policy(String... inlineScripts) {
        StringBuilder scripts = new StringBuilder();
        for (String script : inlineScripts) scripts.append(scripts.isEmpty() ? "" : " ").append("'sha256-").append(sha256(script)).append('\'');
        String policy = "default-src 'none'; script-src " + (scripts.isEmpty() ? "'none'" : scripts)
                + "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";
        return "<meta http-equiv=\"Content-Security-Policy\" content=\"" + text(policy) + "\">";
    }

    private static String sha256(String script) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
