package valor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        return new ProcessBuilder(command);
    }

    static Process start(Path log, Class<?> main, String... args) throws IOException {
        return of(main, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
