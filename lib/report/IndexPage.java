package valor.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import valor.base.Html;

/** --all's index.html: one row per athlete with the period's totals, each linking to the athlete's page. Plain HTML; its policy runs no script at all. */
public final class IndexPage {
    public static final String FILE = "index.html";

    /** An athlete's page: its file name in the folder and what the index shows of its data ({@link #summary}). */
    public record Entry(String file, ObjectNode data) {}

    private IndexPage() {}

    /** The parts of a page's data the index shows (athlete, period, totals), without the series. */
    public static ObjectNode summary(ObjectNode data) {
        ObjectNode kept = data.objectNode();
        kept.set("athlete", data.get("athlete"));
        kept.set("period", data.get("period"));
        kept.set("totals", data.get("totals"));
        return kept;
    }

    public static String html(List<Entry> entries, String period) {
        StringBuilder rows = new StringBuilder();
        for (Entry entry : entries) {
            ObjectNode data = entry.data();
            var totals = data.path("totals");
            String last = data.path("period").path("lastSession").isNull() ? "" : data.path("period").path("lastSession").asText();
            rows.append("<tr><td><a href=\"").append(Html.text(entry.file())).append("\">")
                    .append(Html.text(data.path("athlete").path("name").asText())).append("</a></td><td><code>")
                    .append(Html.text(data.path("athlete").path("id").asText())).append("</code></td><td class=\"n\">")
                    .append(totals.path("sessions").asLong()).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%.1f", totals.path("minutes").asDouble() / 60)).append("</td><td class=\"n\">")
                    .append(totals.path("exercises").asLong()).append("</td><td class=\"n\">").append(totals.path("reportSessions").asLong())
                    .append("</td><td>").append(Html.text(last.length() >= 10 ? last.substring(0, 10) : last)).append("</td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                %s
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Valor athlete reports</title>
                <style>
                body { font-family: system-ui, sans-serif; color: #1d2330; max-width: 1100px; margin: 0 auto; padding: 16px; }
                table { border-collapse: collapse; width: 100%%; } th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #e6e9ef; }
                th { background: #f7f8fa; } td.n, th.n { text-align: right; } a { color: #2458b3; } .meta { color: #555; }
                </style>
                </head>
                <body>
                <h1>Athlete reports</h1>
                <p class="meta">%d athletes · %s · made by valor-report from the local store; times are UTC.</p>
                <table id="athletes"><thead><tr><th>Athlete</th><th>Id</th><th class="n">Sessions</th><th class="n">Hours</th>
                <th class="n">Exercises</th><th class="n">With a report</th><th>Latest session</th></tr></thead>
                <tbody>
                %s</tbody></table>
                </body>
                </html>
                """.formatted(Html.policy(), entries.size(), Html.text(period), rows);
    }
}
