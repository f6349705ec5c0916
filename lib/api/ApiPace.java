package valor.api;

/**
 * How long the API takes to answer, from the requests sent while no other was in flight (so that
 * partitions, many requests at once, do not count their queueing as the API's latency; a pass
 * paging alongside another still gives about half its requests): a least-squares line of
 * time against the answer's size. Its intercept is what each request costs whatever it carries
 * (the network's latency, the API's fixed work), which requests at once can overlap; its slope is
 * the time per byte (the API producing the records, the link carrying them), which more requests
 * at once share rather than overlap. The first request also opens the connection, which makes the
 * latency look a little longer than it is: at most a round trip or two, once per run.
 */
public final class ApiPace {
    /** Too little spread in sizes to tell time per byte from latency: a run of only small answers. */
    private static final double MIN_SPREAD_BYTES = 4096;

    private int inFlight;
    private long alone;
    private double sumBytes;
    private double sumNanos;
    private double sumBytesSquared;
    private double sumBytesNanos;

    /**
     * What this client measured: requests that ran alone, the time each costs (ms) and the time
     * per megabyte of answer (ms; NaN where the answers were too alike in size to tell).
     */
    public record Estimate(long requests, double latencyMillis, double millisPerMegabyte) {
        public static final Estimate NONE = new Estimate(0, Double.NaN, Double.NaN);
    }

    /** A request is being sent; returns whether it is the only one in flight, for {@link #ended}. */
    synchronized boolean sent() {
        return ++inFlight == 1;
    }

    /** @param bytes the answer's size; negative when there was none (a failure) */
    synchronized void ended(boolean sentAlone, long bytes, long nanos) {
        inFlight--;
        if (!sentAlone || bytes < 0) return; // sent while others were in flight, or failed
        alone++;
        sumBytes += bytes;
        sumNanos += nanos;
        sumBytesSquared += (double) bytes * bytes;
        sumBytesNanos += (double) bytes * nanos;
    }

    public synchronized Estimate estimate() {
        if (alone == 0) return Estimate.NONE;
        double meanBytes = sumBytes / alone;
        double meanNanos = sumNanos / alone;
        double variance = sumBytesSquared / alone - meanBytes * meanBytes;
        if (alone < 3 || Math.sqrt(Math.max(0, variance)) < MIN_SPREAD_BYTES) return new Estimate(alone, meanNanos / 1e6, Double.NaN);
        double slope = Math.max(0, (sumBytesNanos / alone - meanBytes * meanNanos) / variance);
        double intercept = Math.max(0, meanNanos - slope * meanBytes);
        return new Estimate(alone, intercept / 1e6, slope); // ns per byte is ms per megabyte
    }
}
