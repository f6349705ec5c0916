package valor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import valor.auth.SignIn;
import valor.auth.TokenCache;
import valor.fake.FakeCognito;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/** A fake Cognito, a fake API that trusts it, a home folder of the test's own, and valor-login / valor-sync run in-process against them. */
final class LoginFixture implements AutoCloseable {
    static final String USER = "ana@club.example";
    static final String PASSWORD = "Correct-Horse-Battery-42!";

    final FakeCognito cognito;
    final FakeValorApi api;
    final Path home;
    final Path db;

    private LoginFixture(FakeCognito cognito, FakeValorApi api, Path home) {
        this.cognito = cognito;
        this.api = api;
        this.home = home;
        this.db = home.resolve("valor.mv.db");
    }

    /** One user (USER / PASSWORD), tokens that live an hour, an API of 4 athletes and 200 sessions that accepts both kinds of token. */
    static LoginFixture start(Path home) {
        return start(home, FakeCognito.builder().user(USER, PASSWORD), cognito -> api().acceptToken(cognito.acceptor()));
    }

    static LoginFixture start(Path home, FakeCognito.Builder cognito, Function<FakeCognito, FakeValorApi.Builder> api) {
        FakeCognito started = cognito.start();
        try {
            return new LoginFixture(started, api.apply(started).start(), home);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    static FakeValorApi.Builder api() {
        return FakeValorApi.builder().organisation(FakeOrganisation.generate(1, 4, 200));
    }

    /** The environment a signed-in user would have: where Cognito and the API are, and the client id. */
    TestIo io() {
        return TestIo.inHome(home).env("VALOR_COGNITO_URL", cognito.url().toString()).env("VALOR_CLIENT_ID", cognito.clientId())
                .env("VALOR_API_URL", api.baseUrl().toString());
    }

    TestIo.Result login(String... extra) {
        return loginWith(PASSWORD, extra);
    }

    TestIo.Result loginWith(String password, String... extra) {
        List<String> args = new ArrayList<>(List.of("--username", USER, "--password-stdin"));
        args.addAll(List.of(extra));
        return io().stdin(password + "\n").run(new LoginCommand(), args.toArray(String[]::new));
    }

    TestIo.Result loginCommand(String... args) {
        return io().run(new LoginCommand(), args);
    }

    TestIo.Result sync(String... extra) {
        return sync(io(), extra);
    }

    TestIo.Result sync(TestIo io, String... extra) {
        // One request at a time: the sign-in tests expire tokens at a given request and read the requests in order.
        List<String> args = new ArrayList<>(List.of("--db", db.toString(), "--retries", "2", "--parallel", "1"));
        if (!List.of(extra).contains("--page-size")) args.addAll(List.of("--page-size", "20")); // a repeated flag would keep the first
        args.addAll(List.of(extra));
        return io.run(new SyncCommand(), args.toArray(String[]::new));
    }

    Path cacheFile() {
        return home.resolve("config/valor/tokens.json");
    }

    SignIn cached() {
        return TokenCache.in(cacheFile().getParent()).load().orElseThrow();
    }

    @Override
    public void close() {
        api.close();
        cognito.close();
    }
}
