package valor.chart;

import java.util.Locale;

/**
 * A chart as every renderer draws it (PNG, HTML, text): the series, how they are laid out, the
 * titles, and where the scale stops ({@code clip}, null when nothing is cut). Made once by
 * {@link #of}, so the three media agree on what they show.
 */
public record Chart(ChartData data, ChartType type, Layout layout, String title, String xTitle, String yTitle, Clip clip) {

    /** What the user asked for (--layout, --top, --missing, --no-clip, the titles); null where they did not say. */
    public record Request(ChartType type, Layout layout, Integer top, ChartData.Missing missing, boolean clip, String title,
                          String xTitle, String yTitle) {}

    /**
     * Fills the time buckets, keeps the top N, picks the layout, and sorts the series by name where
     * each gets a row or a panel of its own (finding a name is the task there; a legend keeps the query's order).
     * @param titles the axis titles the query's columns give (their meanings), used where the request names none
     */
    public static Chart of(ChartData collected, Request request, ColumnTitles titles, Locale locale) {
        ChartData data = collected.filled(request.missing() == null ? ChartData.Missing.ZERO : request.missing());
        if (request.top() != null) data = data.top(request.top());
        Layout layout = Layout.choose(request.layout(), data, request.type());
        if (layout != Layout.OVERLAY) data = data.byName(locale);
        Clip clip = request.clip() ? Clip.of(data).orElse(null) : null;
        String xTitle = request.xTitle() != null ? request.xTitle() : titles.of(data.xLabel());
        String yTitle = request.yTitle() != null ? request.yTitle() : data.yLabel().isEmpty() ? "" : titles.of(data.yLabel());
        return new Chart(data, request.type(), layout, request.title() == null ? "" : request.title(), xTitle, yTitle, clip);
    }

    /** The note a chart shows under its title, or "" when there is nothing to say. */
    public String note() {
        return clip == null ? "" : clip.note(layout);
    }
}
