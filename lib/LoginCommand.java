//DEPS commons-cli:commons-cli:1.11.0
//SOURCES api/package-info.java
//SOURCES auth/package-info.java
//SOURCES base/package-info.java
//SOURCES cli/package-info.java
package valor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import valor.api.ApiUrl;
import valor.api.RetryPolicy;
import valor.auth.CognitoClient;
import valor.auth.CognitoTokens;
import valor.auth.SignIn;
import valor.auth.TokenCache;
import valor.auth.TokenType;
import valor.base.Failure;
import valor.base.Io;
import valor.base.Log;
import valor.base.PromptExit;
import valor.base.Secrets;
import valor.cli.Command;
import valor.cli.Prompt;

/**
 * valor-login: signs in to the vendor's Cognito user pool once, so valor-sync can run without a
 * token in hand; shows who is signed in; signs out. The password is typed without echo (or piped
 * with --password-stdin) and never stored: only the tokens are cached, readable by the owner only.
 */
public final class LoginCommand extends Command {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public LoginCommand() {
        super("valor-login");
    }

    public static void main(String[] args) {
        PromptExit.exit(new LoginCommand().run(args, Io.system()));
    }

    @Override
    protected String summary() {
        return "Sign in to Valor (the vendor's AWS Cognito user pool) so valor-sync can fetch your organisation's data."
                + " Caches the tokens, never the password, in a file only you can read; valor-sync renews them as they expire.";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(value("username", "NAME", "your Valor username, usually your email (env VALOR_USERNAME; else asked)"));
        options.addOption(value("client-id", "ID", "the app client id the vendor gave you (env VALOR_CLIENT_ID)"));
        options.addOption(value("cognito-url", "URL", "Cognito endpoint (env VALOR_COGNITO_URL; default " + CognitoClient.DEFAULT_URL + ")"));
        options.addOption(Option.builder().longOpt("password-stdin")
                .desc("read the password from the first line of standard input instead of asking").get());
        options.addOption(Option.builder().longOpt("status").desc("show who is signed in, until when, and where the tokens are cached").get());
        options.addOption(Option.builder().longOpt("logout").desc("sign out: revoke the refresh token and remove the cached tokens").get());
    }

    private static Option value(String flag, String argName, String description) {
        return Option.builder().longOpt(flag).hasArg().argName(argName).desc(description).get();
    }

    @Override
    protected String epilogue() {
        return """
                The password is asked on the terminal without echo; without a terminal, pipe it with --password-stdin.
                Tokens are cached in $VALOR_CONFIG_DIR, else $XDG_CONFIG_HOME/valor, else ~/.config/valor
                (tokens.json, mode 0600, in a 0700 folder); a cache others could read is refused.
                Scheduled syncs need no valor-login: VALOR_USERNAME, VALOR_PASSWORD and VALOR_CLIENT_ID
                make valor-sync sign in by itself.

                Exit codes: 0 done; 1 failed (network, Cognito unavailable); 2 usage error;
                3 sign-in refused or not possible (wrong password, challenge, not signed in for --status).

                Examples:
                  valor-login --client-id 1h2j3k4l5m6n7o8p9q0r                 asks for username and password
                  export VALOR_CLIENT_ID=1h2j...; valor-login --username ana@club.org
                  pass show valor | valor-login --username ana@club.org --password-stdin
                  valor-login --status
                  valor-login --logout
                """;
    }

    @Override
    protected int execute(CommandLine line, Io io) throws Exception {
        if (!line.getArgList().isEmpty()) throw Failure.usage("unexpected argument '" + line.getArgList().get(0) + "' (see --help)");
        boolean status = line.hasOption("status");
        boolean logout = line.hasOption("logout");
        if (status && logout) throw Failure.usage("--status and --logout contradict each other; pick one");
        if (status || logout) {
            for (String flag : new String[] {"username", "client-id", "cognito-url", "password-stdin"}) {
                if (line.hasOption(flag)) throw Failure.usage("--" + flag + " is for signing in; drop it with --" + (status ? "status" : "logout"));
            }
        }
        Log log = new Log(io, line.hasOption("verbose"), line.hasOption("quiet"));
        TokenCache cache = TokenCache.of(io);
        if (status) return status(cache, io);
        if (logout) return logout(cache, io, log);
        return signIn(line, cache, io, log);
    }

    private int signIn(CommandLine line, TokenCache cache, Io io, Log log) {
        ApiUrl cognitoUrl = CognitoClient.url(line.getOptionValue("cognito-url"), io);
        String clientId = line.hasOption("client-id") ? line.getOptionValue("client-id") : io.env("VALOR_CLIENT_ID");
        if (clientId == null || clientId.isBlank()) {
            throw Failure.auth("no client id: pass --client-id or set VALOR_CLIENT_ID (the vendor hands it out with your account)");
        }
        clientId = clientId.strip();
        cache.checkWritable(); // before the password is typed, not after
        Prompt prompt = Prompt.forIo(io);
        boolean fromStdin = line.hasOption("password-stdin");
        String username = line.hasOption("username") ? line.getOptionValue("username") : io.env("VALOR_USERNAME");
        if ((username == null || username.isBlank()) && prompt.available() && !fromStdin) username = prompt.line("Valor username: ");
        if (username == null || username.isBlank()) {
            throw Failure.auth("no username: pass --username or set VALOR_USERNAME");
        }
        username = username.strip();
        String password = fromStdin ? passwordFromStdin(io) : passwordFromTerminal(prompt, username);
        Secrets.register(password);

        CognitoClient cognito = new CognitoClient(cognitoUrl, clientId, log);
        CognitoTokens tokens = cognito.signIn(username, password);
        cache.save(new SignIn(cognitoUrl, clientId, username, tokens, Instant.now()));
        if (!line.hasOption("quiet")) {
            Instant expires = tokens.expiresAt(TokenType.ID);
            io.out().println("signed in as " + username + (expires == null ? "" : "; the id token is valid until " + WHEN.format(expires)
                    + " and valor-sync renews it as needed"));
            io.out().println("tokens cached in " + cache.file());
        }
        if (io.env("VALOR_PASSWORD") != null) {
            log.warn("VALOR_PASSWORD is set, so valor-sync signs in with it and does not use these cached tokens; unset it to use them");
        }
        return Failure.OK;
    }

    private static String passwordFromStdin(Io io) {
        String password;
        try {
            password = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw Failure.failed("cannot read the password from standard input (" + e.getMessage() + ")");
        }
        if (password != null) password = password.replaceAll("\r$", "");
        if (password == null || password.isEmpty()) throw Failure.auth("--password-stdin: no password on standard input");
        return password;
    }

    private static String passwordFromTerminal(Prompt prompt, String username) {
        if (!prompt.available()) {
            throw Failure.auth("no terminal to ask for the password on; pipe it with --password-stdin (scheduled syncs can use"
                    + " VALOR_USERNAME, VALOR_PASSWORD and VALOR_CLIENT_ID instead of valor-login)");
        }
        String password = prompt.secret("Password for " + username + ": ");
        if (password == null || password.isEmpty()) throw Failure.auth("no password entered; nothing changed");
        return password;
    }

    private static int status(TokenCache cache, Io io) {
        Optional<SignIn> cached = cache.load();
        if (cached.isEmpty()) throw Failure.auth("not signed in (no cached tokens in " + cache.file() + "); run valor-login");
        SignIn signIn = cached.get();
        Instant now = Instant.now();
        io.out().println("signed in as " + signIn.username() + " since " + WHEN.format(signIn.signedInAt()));
        for (TokenType type : TokenType.values()) {
            io.out().printf("  %-14s %s%n", type + " token:", validity(signIn.tokens().expiresAt(type), now));
        }
        io.out().printf("  %-14s %s%n", "refresh token:", "cached; valor-sync uses it to renew expired tokens");
        io.out().printf("  %-14s %s%n", "client id:", signIn.clientId());
        io.out().printf("  %-14s %s%n", "Cognito:", signIn.cognitoUrl());
        io.out().printf("  %-14s %s%n", "cache:", cache.file());
        if (io.env("VALOR_PASSWORD") != null) io.out().println("note: VALOR_PASSWORD is set, so valor-sync signs in with it instead");
        else if (io.env("VALOR_TOKEN") != null) io.out().println("note: VALOR_TOKEN is set, so valor-sync sends it instead");
        return Failure.OK;
    }

    private static String validity(Instant expires, Instant now) {
        if (expires == null) return "no expiry in the token";
        if (expires.isAfter(now)) return "valid until " + WHEN.format(expires) + " (" + span(Duration.between(now, expires)) + " left)";
        return "expired " + WHEN.format(expires) + " (" + span(Duration.between(expires, now)) + " ago; valor-sync renews it)";
    }

    private static String span(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) return duration.toSeconds() + " s";
        if (minutes < 120) return minutes + " min";
        if (minutes < 48 * 60) return (minutes / 60) + " h";
        return (minutes / (24 * 60)) + " days";
    }

    private static int logout(TokenCache cache, Io io, Log log) {
        Optional<SignIn> cached;
        try {
            cached = cache.load();
        } catch (Failure unusable) {
            cached = Optional.empty(); // a damaged or exposed cache is removed all the same; there is nothing to revoke with
            log.detail("not revoking: " + unusable.getMessage());
        }
        String revoked = "";
        if (cached.isPresent()) {
            SignIn signIn = cached.get();
            try {
                new CognitoClient(signIn.cognitoUrl(), signIn.clientId(), Duration.ofSeconds(10), RetryPolicy.DEFAULT.withMaxAttempts(1), log)
                        .revoke(signIn.tokens().refreshToken());
                revoked = "; the refresh token is revoked";
            } catch (Failure notRevoked) {
                log.warn("could not revoke the refresh token at Cognito (" + notRevoked.getMessage() + "); removing the local copy anyway");
            }
        }
        boolean removed = cache.delete();
        if (!log.quiet()) {
            if (removed) {
                io.out().println("signed out" + cached.map(s -> " " + s.username()).orElse("") + ": removed " + cache.file() + revoked);
            } else {
                io.out().println("not signed in; nothing to remove (" + cache.file() + ")");
            }
        }
        return Failure.OK;
    }
}
