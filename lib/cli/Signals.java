package valor.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Lets a long-running command handle Ctrl-C and TERM itself instead of the JVM's default (which
 * runs shutdown hooks at once, H2's among them). Through reflection, because sun.misc.Signal is
 * the only way Java offers and javac warns about every direct use; where it is missing the
 * default behaviour stays.
 */
public final class Signals {
    private Signals() {}

    /** Calls {@code handler} with the signal's number on INT and TERM; returns false when signals cannot be handled. */
    public static boolean onStop(java.util.function.IntConsumer handler) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method number = signal.getMethod("getNumber");
            Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerType}, (self, method, args) -> {
                if (method.getName().equals("handle")) handler.accept((int) number.invoke(args[0]));
                return null;
            });
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : new String[] {"INT", "TERM"}) handle.invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
            return true;
        } catch (ReflectiveOperationException | RuntimeException unsupported) {
            return false;
        }
    }
}
