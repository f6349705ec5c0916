package valor.api;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import valor.base.DaemonThreads;
import valor.base.Failure;

/**
 * Walks one list endpoint page by page from a given continuation token. On its own thread it
 * fetches the next page and prepares it (parsing, hashing: whatever the caller needs that does not
 * touch the database) while the caller stores the current one, and it stops with a clear error
 * instead of looping forever when the API repeats a token or never ends.
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

    private final ApiClient api;
    private final String endpoint;
    private final Map<String, String> query;
    private final Limits limits;
    private final boolean notFoundMeansEmpty;
    private final Function<ApiPage, P> prepare;
    private final String endToken;
    private final Set<String> tokensSeen = new HashSet<>();
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(DaemonThreads.named("valor-pager"));
    private CompletableFuture<Fetched<P>> pending;
    private int emptyInARow;

    /**
     * @param notFoundMeansEmpty a 404 on the first page means "nothing here" (as /sessions does for
     *                           an organisation or athlete without sessions) rather than a missing endpoint
     * @param prepare            turns a page into what the caller stores; runs on the pager's thread
     * @param endToken           the walk ends with the page whose next token is this one (that page is
     *                           returned as the last), so a pass that goes round to where it began does
     *                           not fetch past it; null to walk to the endpoint's own last page
     */
    public Pager(ApiClient api, String endpoint, Map<String, String> query, String startToken, int pagesBefore,
                 Limits limits, boolean notFoundMeansEmpty, Function<ApiPage, P> prepare, String endToken) {
        this.api = api;
        this.endToken = endToken;
        this.endpoint = endpoint;
        this.query = query;
        this.limits = limits;
        this.notFoundMeansEmpty = notFoundMeansEmpty;
        this.prepare = prepare;
        tokensSeen.add(startToken);
        pending = fetch(startToken, pagesBefore + 1);
    }

    /** The next page, or null once the last page has been returned. */
    public Fetched<P> next() {
        if (pending == null) return null;
        Fetched<P> page;
        try {
            page = pending.join();
        } catch (CompletionException e) {
            pending = null;
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
        pending = null;
        if (!page.isLast()) {
            checkProgress(page);
            pending = fetch(page.nextToken(), page.pageNo() + 1);
        }
        return page;
    }

    private void checkProgress(Fetched<P> page) {
        if (!tokensSeen.add(page.nextToken())) {
            throw Failure.failed("GET /" + endpoint + " sent a continuation token it had sent before (page " + page.pageNo()
                    + "); stopping instead of looping forever. Pages already stored are kept.");
        }
        emptyInARow = page.records() == 0 ? emptyInARow + 1 : 0;
        if (emptyInARow >= limits.maxEmptyPagesInARow()) {
            throw Failure.failed("GET /" + endpoint + " sent " + emptyInARow + " empty pages in a row and still says there"
                    + " are more (page " + page.pageNo() + "); stopping instead of looping forever");
        }
        if (page.pageNo() >= limits.maxPages()) {
            throw Failure.failed("GET /" + endpoint + " is still paging after " + page.pageNo() + " pages, far beyond"
                    + " what the data can need; stopping (raise --max-pages if this organisation is really that large)");
        }
    }

    private CompletableFuture<Fetched<P>> fetch(String token, int pageNo) {
        return CompletableFuture.supplyAsync(() -> {
            ApiPage page;
            try {
                page = api.page(endpoint, query, token);
            } catch (ApiStatusException e) {
                if (e.status() != 404 || !notFoundMeansEmpty || !token.equals(ApiPage.FIRST_TOKEN)) throw e;
                page = ApiPage.EMPTY_LAST;
            }
            String next = page.nextToken() != null && page.nextToken().equals(endToken) ? null : page.nextToken();
            return new Fetched<>(pageNo, prepare.apply(page), page.size(), next);
        }, fetcher);
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
    }
}
