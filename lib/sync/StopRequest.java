package valor.sync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import valor.api.Pager;

/**
 * A request to stop a sync, made from another thread (a signal handler's) and honoured by the
 * sync's own thread at safe points: between two commits, never inside one. The thread writing the
 * store is never interrupted, since H2 closes a file whose I/O is interrupted; only the wait for
 * the API is cut short, by closing the pagers of the passes under way (its HTTP thread is interrupted).
 */
final class StopRequest {
    /** Unwinds the sync from a safe point. */
    static final class Stopping extends RuntimeException {
        private Stopping() {
            super("stopping", null, false, false);
        }
    }

    private final AtomicInteger signal = new AtomicInteger();
    /** The pagers waiting for the API right now: one, or one per partition. */
    private final Set<Pager<?>> waiting = ConcurrentHashMap.newKeySet();

    /** @return false when a stop was already asked for */
    boolean request(int signalNumber) {
        if (!signal.compareAndSet(0, signalNumber)) return false;
        waiting.forEach(Pager::close);
        return true;
    }

    boolean requested() {
        return signal.get() != 0;
    }

    /** The signal's number; 0 while no stop was asked for. */
    int signal() {
        return signal.get();
    }

    String signalName() {
        return switch (signal.get()) {
            case 2 -> "SIGINT (Ctrl-C)";
            case 15 -> "SIGTERM";
            default -> "signal " + signal.get();
        };
    }

    /** A safe point: throws {@link Stopping} if a stop was asked for. */
    void check() {
        if (requested()) throw new Stopping();
    }

    /** The pass's next page, unless a stop was asked for before, or while it was in flight (and closed the pager). */
    <P> Pager.Fetched<P> next(Pager<P> pager) {
        waiting.add(pager);
        check(); // after publishing the pager: a stop asked before it was visible is seen here
        try {
            Pager.Fetched<P> page = pager.next();
            check();
            return page;
        } catch (RuntimeException e) {
            check();
            throw e;
        } finally {
            waiting.remove(pager);
        }
    }
}
