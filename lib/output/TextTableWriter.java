package valor.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import valor.base.TerminalText;

/**
 * The formats for people, which need every row before printing: an aligned table (cells capped
 * at {@value #MAX_WIDTH} characters, numbers right-aligned, NULL as {@code null}); a vertical
 * listing with one field per line for wide rows, uncapped; and a Markdown table for reports.
 * Every name and value is shown through {@link TerminalText}, so a name's escape sequences and
 * bidirectional overrides print as visible escapes; widths are those of the text as shown.
 */
final class TextTableWriter implements ResultWriter {
    static final int MAX_WIDTH = 60;
    static final String NULL = "null";

    private final PrintStream out;
    private final Format format;
    private final List<String[]> rows = new ArrayList<>();
    private ResultColumns columns;

    TextTableWriter(PrintStream out, Format format) {
        this.out = out;
        this.format = format;
    }

    @Override
    public void begin(ResultColumns columns) {
        this.columns = columns;
    }

    @Override
    public void row(Object[] values) {
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) cells[i] = values[i] == null ? NULL : SqlValues.text(values[i]);
        rows.add(cells);
    }

    @Override
    public void end() {
        switch (format) {
            case VERTICAL -> printVertical();
            case MARKDOWN -> printMarkdown();
            default -> printTable();
        }
        out.flush();
    }

    private void printTable() {
        int count = columns.size();
        int[] widths = new int[count];
        String[] names = new String[count];
        for (int c = 0; c < count; c++) {
            names[c] = cap(TerminalText.escape(oneLine(columns.names().get(c))));
            widths[c] = names[c].length();
        }
        List<String[]> shown = new ArrayList<>();
        for (String[] row : rows) {
            String[] cells = new String[count];
            for (int c = 0; c < count; c++) {
                cells[c] = cap(TerminalText.escape(oneLine(row[c])));
                widths[c] = Math.max(widths[c], cells[c].length());
            }
            shown.add(cells);
        }
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < count; c++) line.append(c == 0 ? "" : " | ").append(pad(names[c], widths[c], false));
        out.println(line.toString().stripTrailing());
        line.setLength(0);
        for (int c = 0; c < count; c++) line.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        out.println(line);
        for (String[] cells : shown) {
            line.setLength(0);
            for (int c = 0; c < count; c++) {
                boolean right = columns.numeric(c) && !cells[c].equals(NULL);
                line.append(c == 0 ? "" : " | ").append(pad(cells[c], widths[c], right));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private void printVertical() {
        List<String> names = columns.names().stream().map(TerminalText::escape).toList();
        int width = 0;
        for (String name : names) width = Math.max(width, name.length());
        for (int r = 0; r < rows.size(); r++) {
            String title = "-[ row " + (r + 1) + " ]";
            out.println(title + "-".repeat(Math.max(3, width + 12 - title.length())));
            for (int c = 0; c < columns.size(); c++) {
                String value = TerminalText.escapeKeepingLines(rows.get(r)[c]).replace("\n", "\n" + " ".repeat(width + 3));
                out.println(pad(names.get(c), width, false) + " | " + value);
            }
        }
    }

    private void printMarkdown() {
        StringBuilder line = new StringBuilder("|");
        for (String name : columns.names()) line.append(' ').append(markdownCell(name)).append(" |");
        out.println(line);
        line.setLength(0);
        line.append('|');
        for (int c = 0; c < columns.size(); c++) line.append(columns.numeric(c) ? " ---: |" : " --- |");
        out.println(line);
        for (String[] row : rows) {
            line.setLength(0);
            line.append('|');
            for (String cell : row) line.append(' ').append(markdownCell(cell)).append(" |");
            out.println(line);
        }
    }

    private static String markdownCell(String text) {
        return TerminalText.escape(text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>"));
    }

    private static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    private static String cap(String text) {
        return text.length() <= MAX_WIDTH ? text : text.substring(0, MAX_WIDTH - 1) + "…";
    }

    private static String pad(String text, int width, boolean right) {
        String space = " ".repeat(Math.max(0, width - text.length()));
        return right ? space + text : text + space;
    }
}
