//DEPS me.tongfei:progressbar:0.10.2
package valor;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The live display while paging: records, pages and rate per entity, on stderr, only for a person watching. */
public interface Progress extends AutoCloseable {
    /** A page of {@code records} records of {@code entity} was stored; it was page {@code pageNo} of its pass (0: not paged). */
    void page(String entity, int pageNo, long records);

    @Override
    void close();

    static Progress none() {
        return new Progress() {
            @Override
            public void page(String entity, int pageNo, long records) {}

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
        private String entity;

        @Override
        public synchronized void page(String entity, int pageNo, long records) {
            if (!entity.equals(this.entity)) {
                close();
                this.entity = entity;
                bar = new ProgressBarBuilder().setTaskName(entity).setInitialMax(-1).setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" records", 1).showSpeed().setUpdateIntervalMillis(200).build();
            }
            bar.stepBy(records);
            if (pageNo > 0) bar.setExtraMessage("page " + pageNo);
        }

        @Override
        public synchronized void close() {
            if (bar != null) bar.close();
            bar = null;
            entity = null;
        }
    }
}
