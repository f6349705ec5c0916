//DEPS org.webjars.npm:echarts:5.3.1
package valor.chart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * ECharts from its webjar, ready to inline in a script element of a self-contained page.
 * valor-chart's page and valor-report's athlete pages share it, so both inline the same ECharts;
 * their escaping and Content-Security-Policy come from {@link valor.base.Html}.
 */
public final class EChartsScript {
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);
    private static volatile String source;

    private EChartsScript() {}

    /**
     * ECharts' minified source, with any "</script" in it broken up so it cannot close the element it is
     * inlined in, and line ends as the browser reads them (the page's policy allows it by its hash). Read once.
     */
    public static String inline() throws IOException {
        String read = source;
        if (read != null) return read;
        try (InputStream in = EChartsScript.class.getResourceAsStream(ECHARTS)) {
            if (in == null) throw new IOException("ECharts is missing from the class path (" + ECHARTS + ")");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
            source = read = SCRIPT_END.matcher(text).replaceAll("<\\\\/$1");
            return read;
        }
    }
}
