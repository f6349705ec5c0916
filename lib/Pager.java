package valor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Walks one list endpoint page by page from a given continuation token. It fetches the next
 * page while the caller stores the current one (the API is the slow part), and stops with a
 * clear error instead of looping forever when the API repeats a token or never ends.
 */
public final class Pager implements AutoCloseable {
    /** A page and its position: pageNo counts from 1 over the whole pass, resumed pages included. */
    public record Fetched(int pageNo, List<JsonNode> items, String nextToken) {
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
    private final Set<String> tokensSeen = new HashSet<>();
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "valor-pager");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Fetched> pending;
    private int emptyInARow;

    /**
     * @param notFoundMeansEmpty a 404 on the first page means "nothing here" (as /sessions does for
     *                           an organisation or athlete without sessions) rather than a missing endpoint
     */
    public Pager(ApiClient api, String endpoint, Map<String, String> query, String startToken, int pagesBefore,
                 Limits limits, boolean notFoundMeansEmpty) {
        this.api = api;
        this.endpoint = endpoint;
        this.query = query;
        this.limits = limits;
        this.notFoundMeansEmpty = notFoundMeansEmpty;
        tokensSeen.add(startToken);
        pending = fetch(startToken, pagesBefore + 1);
    }

    /** The next page, or null once the last page has been returned. */
    public Fetched next() {
        if (pending == null) return null;
        Fetched page;
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

    private void checkProgress(Fetched page) {
        if (!tokensSeen.add(page.nextToken())) {
            throw Failure.failed("GET /" + endpoint + " sent a continuation token it had sent before (page " + page.pageNo()
                    + "); stopping instead of looping forever. Pages already stored are kept.");
        }
        emptyInARow = page.items().isEmpty() ? emptyInARow + 1 : 0;
        if (emptyInARow >= limits.maxEmptyPagesInARow()) {
            throw Failure.failed("GET /" + endpoint + " sent " + emptyInARow + " empty pages in a row and still says there"
                    + " are more (page " + page.pageNo() + "); stopping instead of looping forever");
        }
        if (page.pageNo() >= limits.maxPages()) {
            throw Failure.failed("GET /" + endpoint + " is still paging after " + page.pageNo() + " pages, far beyond"
                    + " what the data can need; stopping (raise --max-pages if this organisation is really that large)");
        }
    }

    private CompletableFuture<Fetched> fetch(String token, int pageNo) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ApiPage page = api.page(endpoint, query, token);
                return new Fetched(pageNo, page.items(), page.nextToken());
            } catch (ApiStatusException e) {
                if (e.status() == 404 && notFoundMeansEmpty && token.equals(ApiPage.FIRST_TOKEN)) {
                    return new Fetched(pageNo, List.of(), null);
                }
                throw e;
            }
        }, fetcher);
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
    }
}
