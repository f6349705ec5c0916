//DEPS org.webjars.npm:echarts:5.3.1
package valor.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import valor.base.Json;

/**
 * What every self-contained page with ECharts needs: the library from its webjar, ready to inline
 * in a script element, data as JSON that cannot end its script element, and HTML-escaped text.
 * valor-chart's page and valor-report's athlete pages share it, so both inline the same ECharts.
 */
public final class EChartsScript {
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private EChartsScript() {}

    /** ECharts' minified source, with any "</script" in it broken up so it cannot close the element it is inlined in. */
    public static String inline() throws IOException {
        try (InputStream in = EChartsScript.class.getResourceAsStream(ECHARTS)) {
            if (in == null) throw new IOException("ECharts is missing from the class path (" + ECHARTS + ")");
            return SCRIPT_END.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).replaceAll("<\\\\/$1");
        }
    }

    /** JSON for a {@code <script type="application/json">} element. */
    public static String json(JsonNode data) {
        // In JSON a '<' can only be inside a string, where \u003c means the same and cannot end the script element.
        return Json.write(data).replace("<", "\\u003c");
    }

    public static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
