package valor.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/**
 * A JDBC connection that is always the session's current one ({@link AnalystConnections.Session#current}),
 * reopened when the store changed under it. H2's console keeps the connection (and its metadata,
 * for the table tree) it was given for as long as it runs, so both are handed out as views that
 * look the current connection up on every call.
 */
final class RefreshingConnection implements InvocationHandler {
    private final AnalystConnections.Session session;
    private final boolean metadata;

    private RefreshingConnection(AnalystConnections.Session session, boolean metadata) {
        this.session = session;
        this.metadata = metadata;
    }

    static Connection over(AnalystConnections.Session session) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new RefreshingConnection(session, false));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "refreshing view of " + session.current();
            };
        }
        Connection current = session.current();
        Object target = metadata ? current.getMetaData() : current;
        try {
            Object result = method.invoke(target, args);
            if (result instanceof DatabaseMetaData) {
                return Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
                        new RefreshingConnection(session, true));
            }
            return result;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
