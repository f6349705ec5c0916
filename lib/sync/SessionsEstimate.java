package valor.sync;

import java.util.Collection;
import java.util.Locale;
import valor.api.ApiPace;

/**
 * What paging the sessions would take in one pass and in partitions, from measured costs. A
 * request costs the API's latency whatever it carries, plus its time per megabyte: requests at
 * once overlap the latency, not the megabytes (the API has to produce them and the link to carry
 * them either way). This process's own work (CPU per record over every thread, storing on its one
 * connection) is the same either way and bounds both: where it, not the API, sets the pace,
 * partitions only add requests.
 *
 * @param onePassMillis     one pass: each page waits for the one before (its token), while the
 *                          previous page is stored
 * @param partitionedMillis partitions, {@code --parallel} at a time
 */
record SessionsEstimate(long onePassMillis, long partitionedMillis) {
    /** One pass uses at most two threads: the pager's, and the one that stores. */
    private static final int ONE_PASS_THREADS = 2;

    /** Partitions only where they clearly pay: an estimate is an estimate, and one pass is never slower than it looks. */
    boolean partitionsPay() {
        return partitionedMillis * 3 <= onePassMillis * 2;
    }

    /** Measured costs: of the API, per request and per megabyte; of this process, per record. */
    record Costs(double latencyMillis, double millisPerMegabyte, double bytesPerRecord, double cpuMillisPerRecord,
                 double storeMillisPerRecord) {
        /**
         * This run's API measurements where it has them, else the last ones; null when neither knows them.
         * The latency is the lower of this run's and the last run's: this run has measured only the few
         * requests before the sessions (one of them opening the connection, perhaps to an API still
         * warming up), and a latency taken too high is what would pick partitions where one pass is faster.
         *
         * @param lastPerMegabyte the API's time per megabyte as last measured ({@link SessionsPace#lastMillisPerMegabyte})
         */
        static Costs of(ApiPace.Estimate now, SessionsPace last, double lastPerMegabyte) {
            double latency = now.requests() == 0 ? last.latencyMillis()
                    : Double.isNaN(last.latencyMillis()) ? now.latencyMillis() : Math.min(now.latencyMillis(), last.latencyMillis());
            double perMegabyte = Double.isNaN(now.millisPerMegabyte()) ? lastPerMegabyte : now.millisPerMegabyte();
            if (Double.isNaN(latency) || Double.isNaN(perMegabyte)) return null;
            return new Costs(latency, perMegabyte, last.bytesPerRecord(), last.cpuMillisPerRecord(), last.storeMillisPerRecord());
        }

        double transferMillis(long records) {
            return records * bytesPerRecord / 1e6 * millisPerMegabyte;
        }
    }

    /**
     * What there is to page: the records, one pass's pages, and the partitions' requests.
     *
     * @param athletePagesFiltered the API filters a page of everyone's sessions after reading it ({@link AthletePages}):
     *                             each athlete's pass takes one pass's pages
     */
    record Shape(long records, long onePassPages, long requests, long longestPages, long longestRecords, int parallel,
                 boolean athletePagesFiltered, boolean bestCase) {
        /**
         * The best partitions could do with {@code records}, however they fall to athletes: no more requests than one
         * pass's pages, none longer than one page, and an API that filters by athlete before reading.
         */
        static Shape bestCase(long records, int pageSize, int parallel) {
            long pages = pages(records, pageSize);
            return new Shape(records, pages, pages, 1, 0, parallel, false, true);
        }

        /** @param sessions the live sessions of each athlete a partition would page */
        static Shape of(Collection<Long> sessions, int pageSize, int parallel, boolean athletePagesFiltered) {
            long records = 0;
            long requests = 0;
            long longest = 0;
            for (long count : sessions) {
                records += count;
                requests += pages(count, pageSize);
                longest = Math.max(longest, count);
            }
            long onePass = pages(records, pageSize);
            if (athletePagesFiltered) {
                return new Shape(records, onePass, onePass * sessions.size(), onePass, longest, parallel, true, false);
            }
            return new Shape(records, onePass, requests, pages(longest, pageSize), longest, parallel, false, false);
        }

        /** Every pass makes at least one request, even for no records. */
        private static long pages(long records, int pageSize) {
            return Math.max(1, (records + pageSize - 1) / pageSize);
        }
    }

    static SessionsEstimate of(Shape shape, Costs costs, int cores) {
        long n = shape.records();
        double store = n * costs.storeMillisPerRecord();
        double onePass = max(shape.onePassPages() * costs.latencyMillis() + costs.transferMillis(n), store,
                n * costs.cpuMillisPerRecord() / Math.min(ONE_PASS_THREADS, cores));
        double partitioned = max(shape.longestPages() * costs.latencyMillis() + costs.transferMillis(shape.longestRecords()),
                (double) shape.requests() * costs.latencyMillis() / shape.parallel() + costs.transferMillis(n), store,
                n * costs.cpuMillisPerRecord() / cores);
        return new SessionsEstimate(Math.round(onePass), Math.round(partitioned));
    }

    private static double max(double... values) {
        double max = 0;
        for (double value : values) max = Math.max(max, value);
        return max;
    }

    /** The estimate in words, for the plan's reason. */
    String describe(Shape shape, Costs costs) {
        return String.format(Locale.ROOT, "%sabout %s for %s%d requests %d at a time against %s for one pass of %d pages;"
                        + " the API: %.0f ms a request and %.0f ms a megabyte; this sync: %.1f µs of CPU a session",
                shape.athletePagesFiltered() ? "the API filters a page of everyone's sessions for each athlete's: " : "",
                SessionPlan.seconds(partitionedMillis), shape.bestCase() ? "at best " : "", shape.requests(), shape.parallel(),
                SessionPlan.seconds(onePassMillis),
                shape.onePassPages(), costs.latencyMillis(), costs.millisPerMegabyte(), costs.cpuMillisPerRecord() * 1000);
    }
}
