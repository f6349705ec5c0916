//DEPS commons-cli:commons-cli:1.11.0
package valor.fake;

import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.commons.cli.CommandLine;
import valor.base.Failure;
import valor.base.Io;
import valor.base.ShellQuote;
import valor.cli.Command;

/** valor-mock's --cognito: a fake Cognito with one user, and the shell assignments a script needs to sign in to it. */
public final class MockCognito {
    private MockCognito() {}

    public static FakeCognito start(CommandLine line) {
        String user = line.getOptionValue("cognito-user", FakeCognito.DEFAULT_USERNAME + ":" + FakeCognito.DEFAULT_PASSWORD);
        int colon = user.indexOf(':');
        if (colon < 1 || colon == user.length() - 1) throw Failure.usage("--cognito-user must be NAME:PASSWORD, not '" + user + "'");
        Integer lifetime = Command.intOption(line, "token-lifetime", 1, 86_400 * 30);
        try {
            return FakeCognito.builder()
                    .user(user.substring(0, colon), user.substring(colon + 1))
                    .tokenLifetime(Duration.ofSeconds(lifetime == null ? 3600 : lifetime))
                    .start();
        } catch (UncheckedIOException e) {
            throw Failure.failed(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    /** The fake's own password is printed on purpose: it guards nothing, and a script must be able to sign in. */
    public static void printSettings(FakeCognito cognito, CommandLine line, Io io) {
        String user = line.getOptionValue("cognito-user", FakeCognito.DEFAULT_USERNAME + ":" + FakeCognito.DEFAULT_PASSWORD);
        int colon = user.indexOf(':');
        io.out().println("cognito_url=" + cognito.url());
        io.out().println("client_id=" + cognito.clientId());
        io.out().println("username=" + ShellQuote.quote(user.substring(0, colon)));
        io.out().println("password=" + ShellQuote.quote(user.substring(colon + 1)));
    }
}
