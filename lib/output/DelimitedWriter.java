//DEPS org.apache.commons:commons-csv:1.14.1
package valor.output;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV (RFC 4180 quoting) or TSV through Commons CSV: a header of column names, then one record
 * per row; NULL is an empty field. Lines end in \n, what Unix pipelines expect. Records are
 * gathered into blocks of about 64 KB before they reach the stream: Commons CSV appends a field
 * and each separator on its own, and a PrintStream pays a lock and a flush per call, which made
 * exporting a million sessions spend most of its time in system calls.
 */
final class DelimitedWriter implements ResultWriter {
    private static final int BLOCK = 1 << 16;
    private final PrintStream out;
    private final StringBuilder block = new StringBuilder(BLOCK + 1024);
    private final CSVPrinter printer;

    DelimitedWriter(PrintStream out, boolean tabs) {
        this.out = out;
        CSVFormat format = (tabs ? CSVFormat.TDF : CSVFormat.RFC4180).builder().setRecordSeparator('\n').setNullString("").get();
        try {
            this.printer = new CSVPrinter(block, format);
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
        writeBlock();
        out.flush();
    }

    private void print(Object[] record) {
        try {
            printer.printRecord(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (block.length() >= BLOCK) writeBlock();
    }

    private void writeBlock() {
        out.append(block);
        block.setLength(0);
    }
}
