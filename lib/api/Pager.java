package valor.api;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import valor.base.DaemonThreads;
import valor.base.Failure;

/**
 * Walks one list endpoint page by page from a given continuation token. On one thread it fetches
 * the pages, up to two ahead of the caller (further before the caller takes its first page: a head
 * start); on another it prepares them (parsing, hashing: whatever the caller needs that does not
 * touch the database); so a request is in flight while the page before it is prepared and the one
 * before that is stored. It stops with a clear error instead of
 * looping forever when the API repeats a token or never ends.
 *
 * @param <P> a page as the caller prepared it
 */
public final class Pager<P> implements AutoCloseable {
    /** A page and its position: pageNo counts from 1 over the whole pass, resumed pages included. */
    public record Fetched<P>(int pageNo, P page, int records, String nextToken) {
        public boolean isLast() {
            return nextToken == null;
        }
    }

    /** How far a pass may go before it is considered a loop. */
    public record Limits(int maxPages, int maxEmptyPagesInARow) {
        public static final Limits DEFAULT = new Limits(100_000, 100);
    }

    /**
     * Pages fetched and not yet taken by the caller. Two keep a request in flight while one page is
     * prepared and one stored (a no-change page is ~3 ms of preparing against ~10 ms of waiting: one
     * page ahead made each page cost their sum); more would only hold more memory on a first sync,
     * where storing sets the pace.
     */
    private static final int AHEAD = 2;

    /**
     * Before the caller takes its first page it may still be getting ready to store (a no-change
     * sync reads the ids and hashes of every stored session first: a second or more, during which
     * two pages ahead would leave the network idle); meanwhile pages are fetched beyond two, up to
     * this many bytes of them, so that second is spent paging too. Taking a page ends the head
     * start: a first sync, ready at once, holds no more than two pages.
     */
    public static final long HEAD_START_BYTES = 32L << 20;

    private final ApiClient api;
    private final String endpoint;
    private final Map<String, String> query;
    private final Limits limits;
    private final boolean notFoundMeansEmpty;
    private final Function<ApiPage, P> prepare;
    private final String endToken;
    private final Set<String> tokensSeen = new HashSet<>();
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(DaemonThreads.named("valor-pager"));
    private final ExecutorService preparer = Executors.newSingleThreadExecutor(DaemonThreads.named("valor-pager-prepare"));
    /** The pages in order, each complete once prepared; a failure takes the place of the page it stopped at. */
    private final BlockingQueue<CompletableFuture<Fetched<P>>> pages = new LinkedBlockingQueue<>();
    private final Semaphore ahead = new Semaphore(AHEAD);
    private final long headStartBytes;
    /** Guards the two counts below: once the caller has taken a page, no page is fetched without a permit. */
    private final Object headStart = new Object();
    /** Pages fetched during the head start, without a permit of {@link #ahead}: so the caller returns none for them. */
    private int headStartPages;
    private int taken;
    private boolean finished;
    private int emptyInARow;

    /**
     * @param notFoundMeansEmpty a 404 on the first page means "nothing here" (as /sessions does for
     *                           an organisation or athlete without sessions) rather than a missing endpoint
     * @param prepare            turns a page into what the caller stores; runs on the pager's own thread
     * @param endToken           the walk ends with the page whose next token is this one (that page is
     *                           returned as the last), so a pass that goes round to where it began does
     *                           not fetch past it; null to walk to the endpoint's own last page
     * @param headStartBytes     how far to fetch ahead until the caller takes its first page
     *                           ({@link #HEAD_START_BYTES}, or 0 for two pages as always)
     */
    public Pager(ApiClient api, String endpoint, Map<String, String> query, String startToken, int pagesBefore,
                 Limits limits, boolean notFoundMeansEmpty, Function<ApiPage, P> prepare, String endToken,
                 long headStartBytes) {
        this.api = api;
        this.headStartBytes = headStartBytes;
        this.endToken = endToken;
        this.endpoint = endpoint;
        this.query = query;
        this.limits = limits;
        this.notFoundMeansEmpty = notFoundMeansEmpty;
        this.prepare = prepare;
        tokensSeen.add(startToken);
        fetcher.execute(() -> walk(startToken, pagesBefore + 1));
    }

    /** The next page, or null once the last page has been returned. */
    public Fetched<P> next() {
        if (finished) return null;
        Fetched<P> page;
        try {
            page = pages.take().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = true;
            throw new IllegalStateException("interrupted while waiting for GET /" + endpoint, e);
        } catch (CompletionException e) {
            finished = true;
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
        boolean permitted;
        synchronized (headStart) {
            permitted = ++taken > headStartPages;
        }
        if (permitted) ahead.release();
        if (page.isLast()) finished = true;
        return page;
    }

    /** The fetching thread: each page in turn, at most {@link #AHEAD} ahead of the caller once it has taken one. */
    private void walk(String token, int pageNo) {
        long headStartLeft = headStartBytes;
        try {
            while (true) {
                if (!inHeadStart(headStartLeft)) ahead.acquire();
                ApiPage page;
                try {
                    page = api.page(endpoint, query, token);
                } catch (ApiStatusException e) {
                    if (e.status() != 404 || !notFoundMeansEmpty || !token.equals(ApiPage.FIRST_TOKEN)) throw e;
                    page = ApiPage.EMPTY_LAST;
                }
                String next = page.nextToken() != null && page.nextToken().equals(endToken) ? null : page.nextToken();
                if (next != null) checkProgress(pageNo, page.size(), next);
                headStartLeft -= page.records().bytes().length;
                pages.put(prepared(page, pageNo, next));
                if (next == null) return;
                token = next;
                pageNo++;
            }
        } catch (RuntimeException | InterruptedException e) {
            pages.add(CompletableFuture.failedFuture(e));
        }
    }

    /**
     * Whether the next page is part of the head start (the caller has taken none, bytes are left):
     * fetched at once, with a permit if one is free, else without.
     */
    private boolean inHeadStart(long bytesLeft) {
        synchronized (headStart) {
            if (bytesLeft <= 0 || taken > 0) return false;
            if (!ahead.tryAcquire()) headStartPages++;
            return true;
        }
    }

    private CompletableFuture<Fetched<P>> prepared(ApiPage page, int pageNo, String next) {
        CompletableFuture<Fetched<P>> prepared = new CompletableFuture<>();
        preparer.execute(() -> {
            try {
                prepared.complete(new Fetched<>(pageNo, prepare.apply(page), page.size(), next));
            } catch (RuntimeException | Error e) {
                prepared.completeExceptionally(e);
            }
        });
        return prepared;
    }

    private void checkProgress(int pageNo, int records, String next) {
        if (!tokensSeen.add(next)) {
            throw Failure.failed("GET /" + endpoint + " sent a continuation token it had sent before (page " + pageNo
                    + "); stopping instead of looping forever. Pages already stored are kept.");
        }
        emptyInARow = records == 0 ? emptyInARow + 1 : 0;
        if (emptyInARow >= limits.maxEmptyPagesInARow()) {
            throw Failure.failed("GET /" + endpoint + " sent " + emptyInARow + " empty pages in a row and still says there"
                    + " are more (page " + pageNo + "); stopping instead of looping forever");
        }
        if (pageNo >= limits.maxPages()) {
            throw Failure.failed("GET /" + endpoint + " is still paging after " + pageNo + " pages, far beyond"
                    + " what the data can need; stopping (raise --max-pages if this organisation is really that large)");
        }
    }

    /**
     * Stops the walk (a request in flight is interrupted). Pages already handed to the preparing
     * thread are still prepared, so no one waits for a page that will never come; and a caller
     * waiting for a page the walk will no longer fetch gets a failure instead.
     */
    @Override
    public void close() {
        fetcher.shutdownNow();
        preparer.shutdown();
        pages.add(CompletableFuture.failedFuture(new IllegalStateException("GET /" + endpoint + ": paging was stopped")));
    }
}
