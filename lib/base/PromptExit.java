package valor.base;

import java.util.List;

/**
 * Ends the JVM without the wait an idle HTTP client costs. At exit HotSpot waits for threads
 * running native code to stop, up to 300 ms for threads that are not compilers; the JDK's
 * HttpClient keeps a selector thread in native code ({@code epoll_wait}) for as long as the
 * client lives, and on Java 17 a client cannot be closed. So a command that made a request spent
 * 0.3 s after its last line doing nothing. Interrupted, that thread closes its connections and
 * ends, as it would when its client is gone.
 */
public final class PromptExit {
    private PromptExit() {}

    /** {@link System#exit}, once every HTTP client's selector thread has been asked to end. */
    public static void exit(int status) {
        httpSelectorThreads().forEach(Thread::interrupt);
        System.exit(status);
    }

    /** The selector threads of the JDK's HTTP clients (one per client, named by the JDK). */
    public static List<Thread> httpSelectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().matches("HttpClient-\\d+-SelectorManager"))
                .toList();
    }
}
