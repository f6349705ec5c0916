//DEPS me.tongfei:progressbar:0.10.2
package valor.export;

import java.text.DecimalFormat;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import valor.base.Io;
import valor.base.TerminalText;

/** The live display while exporting: a bar per table on stderr, only for a person watching (a terminal, no --quiet). */
public interface ExportProgress extends AutoCloseable {
    /** A table begins; {@code expected} units of work (0: unknown, the count is shown without a bar). */
    void start(String table, long expected, String unit);

    void step(long done);

    @Override
    void close();

    static ExportProgress none() {
        return new ExportProgress() {
            @Override
            public void start(String table, long expected, String unit) {}

            @Override
            public void step(long done) {}

            @Override
            public void close() {}
        };
    }

    static ExportProgress forTerminal(Io io, boolean quiet) {
        return quiet || !io.errIsTerminal() ? none() : new Bar(io);
    }

    final class Bar implements ExportProgress {
        private final Io io;
        private ProgressBar bar;

        Bar(Io io) {
            this.io = io;
        }

        @Override
        public synchronized void start(String table, long expected, String unit) {
            close();
            bar = new ProgressBarBuilder().setTaskName(String.format("%-16s", TerminalText.escape(table))).setInitialMax(expected > 0 ? expected : -1)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" " + unit, 1).showSpeed(new DecimalFormat("#,##0"))
                    .setConsumer(new InteractiveConsoleProgressBarConsumer(io.err())).setUpdateIntervalMillis(200).build();
        }

        @Override
        public synchronized void step(long done) {
            if (bar != null) bar.stepBy(done);
        }

        @Override
        public synchronized void close() {
            if (bar != null) bar.close();
            bar = null;
        }
    }
}
