//DEPS me.tongfei:progressbar:0.10.2
package valor.sync;

import java.text.DecimalFormat;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import valor.base.Io;

/** The live display while paging: records, pages and rate per entity, on stderr, only for a person watching. */
public interface Progress extends AutoCloseable {
    /**
     * A pass over {@code entity} begins. {@code expected} is how many records the store already
     * holds for it (the API never says how many there are; 0 when unknown).
     */
    void start(String entity, long expected);

    /** {@code records} records were stored; they were page {@code pageNo} of a pass (0: not paged). */
    void page(int pageNo, long records);

    @Override
    void close();

    static Progress none() {
        return new Progress() {
            @Override
            public void start(String entity, long expected) {}

            @Override
            public void page(int pageNo, long records) {}

            @Override
            public void close() {}
        };
    }

    /** A bar when stderr is a terminal and the user did not ask for quiet; nothing otherwise. */
    static Progress forTerminal(Io io, boolean quiet) {
        return quiet || !io.errIsTerminal() ? none() : new TerminalProgress();
    }

    final class TerminalProgress implements Progress {
        private ProgressBar bar;

        @Override
        public synchronized void start(String entity, long expected) {
            close();
            bar = new ProgressBarBuilder().setTaskName(String.format("%-11s", entity)).setInitialMax(expected > 0 ? expected : -1)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" records", 1).showSpeed(new DecimalFormat("#,##0"))
                    .hideEta().setUpdateIntervalMillis(200).build();
        }

        @Override
        public synchronized void page(int pageNo, long records) {
            bar.stepBy(records);
            if (bar.getCurrent() > bar.getMax() && bar.getMax() > 0) bar.maxHint(bar.getCurrent()); // more than last time
            if (pageNo > 0) bar.setExtraMessage("  page " + pageNo);
        }

        @Override
        public synchronized void close() {
            if (bar != null) bar.close();
            bar = null;
        }
    }
}
