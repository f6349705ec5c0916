package valor.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Lets a long-running command handle Ctrl-C and TERM itself instead of the JVM's default (which
 * runs shutdown hooks at once, H2's among them). Through reflection, because sun.misc.Signal is
 * the only way Java offers and javac warns about every direct use; where it is missing the
 * default behaviour stays.
 */
public final class Signals {
    private Signals() {}

    /** Handlers installed until {@link #close}, which puts back the ones they replaced. */
    public interface Handling extends AutoCloseable {
        @Override
        void close();
    }

    /** Calls {@code handler} with the signal's number on INT and TERM; returns false when signals cannot be handled. */
    public static boolean onStop(IntConsumer handler) {
        return install(handler) != null;
    }

    /**
     * Like {@link #onStop}, but only until the result is closed: a command run in-process (by a
     * test, say) must not leave its handler in a JVM that outlives it.
     */
    public static Handling onStopUntilClosed(IntConsumer handler) {
        Map<Object, Object> replaced = install(handler);
        return () -> {
            if (replaced != null) replaced.forEach(Signals::handle);
        };
    }

    /** The handlers replaced, by signal; null when signals cannot be handled. */
    private static Map<Object, Object> install(IntConsumer handler) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method number = signal.getMethod("getNumber");
            Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerType}, (self, method, args) -> {
                if (method.getName().equals("handle")) handler.accept((int) number.invoke(args[0]));
                return null;
            });
            Map<Object, Object> replaced = new LinkedHashMap<>();
            for (String name : new String[] {"INT", "TERM"}) {
                Object stop = signal.getConstructor(String.class).newInstance(name);
                replaced.put(stop, handle(stop, proxy));
            }
            return replaced;
        } catch (ReflectiveOperationException | RuntimeException unsupported) {
            return null;
        }
    }

    /** sun.misc.Signal.handle: installs a handler, returns the one it replaced. */
    private static Object handle(Object signal, Object handler) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            return signalType.getMethod("handle", signalType, Class.forName("sun.misc.SignalHandler")).invoke(null, signal, handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install a signal handler", e);
        }
    }
}
