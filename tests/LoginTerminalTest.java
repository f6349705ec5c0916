package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.ShellQuote;

/**
 * valor-login at a real terminal: another JVM runs under util-linux {@code script}, which gives it a
 * pseudo-terminal, and this test types into it. The terminal echoes what is typed, so the
 * username shows in the transcript; the password must not.
 */
class LoginTerminalTest {
    @TempDir
    Path home;

    @Test
    void asksForUsernameAndPasswordWithoutEchoingThePassword() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        try (LoginFixture fixture = LoginFixture.start(home)) {
            List<String> java = JavaProcess.of(LoginCommand.class).command();
            String commandLine = java.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qec", commandLine, "/dev/null").redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.startsWith("VALOR_"));
            builder.environment().put("VALOR_CONFIG_DIR", home.resolve("cfg").toString());
            builder.environment().put("VALOR_COGNITO_URL", fixture.cognito.url().toString());
            builder.environment().put("VALOR_CLIENT_ID", fixture.cognito.clientId());
            Process process = builder.start();
            Transcript transcript = new Transcript(process.getInputStream());
            try {
                OutputStream keyboard = process.getOutputStream();
                transcript.await("Valor username: ");
                type(keyboard, LoginFixture.USER);
                transcript.await("Password for " + LoginFixture.USER + ": ");
                type(keyboard, LoginFixture.PASSWORD);
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "valor-login finished: " + transcript);
                assertEquals(0, process.exitValue(), transcript.toString());
            } finally {
                process.destroyForcibly();
            }
            String text = transcript.toString();
            assertTrue(text.contains("Valor username: " + LoginFixture.USER), "the terminal echoes what is typed: " + text);
            assertFalse(text.contains(LoginFixture.PASSWORD), "the password is not echoed: " + text);
            assertTrue(text.contains("signed in as " + LoginFixture.USER), text);
            assertTrue(Files.exists(home.resolve("cfg/tokens.json")));
            assertEquals(1, fixture.cognito.signIns());
        }
    }

    private static void type(OutputStream keyboard, String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Everything the terminal showed, collected as it comes. */
    private static final class Transcript {
        private final StringBuffer text = new StringBuffer();

        Transcript(InputStream in) {
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[1024];
                try {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                } catch (IOException closed) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void await(String prompt) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!text.toString().contains(prompt)) {
                if (System.nanoTime() > deadline) throw new AssertionError("no prompt '" + prompt + "' in: " + text);
                Thread.sleep(20);
            }
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
