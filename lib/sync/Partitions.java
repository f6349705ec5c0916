package valor.sync;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import valor.base.DaemonThreads;

/**
 * Runs one pass per athlete, a given number at a time, on daemon threads. When one fails, the
 * others stop at their next page (their checkpoints stay for the next run) and the first failure
 * is thrown once they all have.
 */
final class Partitions {
    /** One athlete's pass; it asks {@code stopNow} after each page it stores. */
    @FunctionalInterface
    interface AthletePass {
        void run(String athlete, BooleanSupplier stopNow);
    }

    private Partitions() {}

    static void run(List<String> athletes, int atOnce, AthletePass pass) {
        ExecutorService workers = Executors.newFixedThreadPool(atOnce, DaemonThreads.named("valor-partition"));
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try {
            for (String athlete : athletes) {
                workers.execute(() -> {
                    if (failure.get() != null) return;
                    try {
                        pass.run(athlete, () -> failure.get() != null);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
        } finally {
            workers.shutdown();
            awaitAll(workers);
        }
        if (failure.get() != null) throw failure.get();
    }

    /** Waits for every pass: each ends at its next page once one failed or a stop was asked for. */
    private static void awaitAll(ExecutorService workers) {
        boolean interrupted = false;
        while (true) {
            try {
                if (workers.awaitTermination(1, TimeUnit.SECONDS)) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
