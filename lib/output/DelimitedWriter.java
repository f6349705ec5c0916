//DEPS org.apache.commons:commons-csv:1.14.1
package valor.output;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV (RFC 4180 quoting) or TSV through Commons CSV: a header of column names, then one record
 * per row; NULL is an empty field. Lines end in \n, what Unix pipelines expect.
 */
final class DelimitedWriter implements ResultWriter {
    private final CSVPrinter printer;

    DelimitedWriter(PrintStream out, boolean tabs) {
        CSVFormat format = (tabs ? CSVFormat.TDF : CSVFormat.RFC4180).builder().setRecordSeparator('\n').setNullString("").get();
        try {
            this.printer = new CSVPrinter(out, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void begin(ResultColumns columns) {
        print(columns.names().toArray());
    }

    @Override
    public void row(Object[] values) {
        Object[] texts = new Object[values.length];
        for (int i = 0; i < values.length; i++) texts[i] = SqlValues.text(values[i]);
        print(texts);
    }

    @Override
    public void end() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void print(Object[] record) {
        try {
            printer.printRecord(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
