package valor.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import valor.base.Html;

/**
 * --all's index.html: one row per athlete with the period's totals, each linking to the athlete's
 * page, or saying why the page could not be written. Plain HTML; its policy runs no script at all.
 */
public final class IndexPage {
    public static final String FILE = "index.html";

    /**
     * An athlete's page: its file name in the folder, what the index shows of its data
     * ({@link #summary}), and why it could not be written (null when it was).
     */
    public record Entry(String file, ObjectNode data, String notWritten) {}

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
        long failed = entries.stream().filter(e -> e.notWritten() != null).count();
        for (Entry entry : entries) {
            ObjectNode data = entry.data();
            var totals = data.path("totals");
            String last = data.path("period").path("lastSession").isNull() ? "" : data.path("period").path("lastSession").asText();
            String name = Html.text(data.path("athlete").path("name").asText());
            rows.append(entry.notWritten() == null ? "<tr><td><a href=\"" + Html.text(entry.file()) + "\">" + name + "</a>"
                    : "<tr class=\"failed\"><td>" + name + "<br><small>no page: " + Html.text(entry.notWritten()) + "</small>");
            rows.append("</td><td><code>").append(Html.text(data.path("athlete").path("id").asText())).append("</code></td><td class=\"n\">")
                    .append(totals.path("sessions").asLong()).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%.1f", totals.path("minutes").asDouble() / 60)).append("</td><td class=\"n\">")
                    .append(totals.path("exercises").asLong()).append("</td><td class=\"n\">").append(totals.path("reportSessions").asLong())
                    .append("</td><td>").append(Html.text(last.length() >= 10 ? last.substring(0, 10) : last)).append("</td></tr>\n");
        }
        String problems = failed == 0 ? "" : "<p class=\"failed\" id=\"not-written\">" + failed + " of " + entries.size()
                + " pages could not be written; their rows say why.</p>\n";
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
                .failed { background: #fdecea; } p.failed { padding: 8px 12px; border-radius: 6px; } small { color: #a33; }
                </style>
                </head>
                <body>
                <h1>Athlete reports</h1>
                <p class="meta">%d athletes · %s · made by valor-report from the local store; times are UTC.</p>
                %s<table id="athletes"><thead><tr><th>Athlete</th><th>Id</th><th class="n">Sessions</th><th class="n">Hours</th>
                <th class="n">Exercises</th><th class="n">With a report</th><th>Latest session</th></tr></thead>
                <tbody>
                %s</tbody></table>
                </body>
                </html>
                """.formatted(Html.policy(), entries.size(), Html.text(period), problems, rows);
    }
}
