package valor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import valor.store.StoreKey;

/** Starts another JVM on the test's own classpath, for the cases one process cannot show (kill -9, file locks). */
final class JavaProcess {
    private JavaProcess() {}

    static ProcessBuilder of(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(StoreKey.ENV, TestIo.STORE_KEY); // even where a test gives the child another HOME
        return builder;
    }

    static Process start(Path log, Class<?> main, String... args) throws IOException {
        return of(main, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** As above, logging in to {@code store} (PGUSER and PGPASSWORD for a PostgreSQL one). */
    static Process start(Path log, TestStore store, Class<?> main, String... args) throws IOException {
        ProcessBuilder builder = of(main, args);
        builder.environment().putAll(store.env());
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
