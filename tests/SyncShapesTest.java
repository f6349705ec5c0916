package valor;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import valor.fake.FakeOrganisation;
import valor.fake.FakeShape;
import valor.fake.FakeValorApi;
import valor.sync.SyncReport;

/**
 * The real API's exact JSON is not public, so the same organisation served in every plausible
 * shape must land in the store identically.
 */
class SyncShapesTest {
    @TempDir
    Path dir;

    static Stream<Arguments> shapes() {
        FakeShape d = FakeShape.DEFAULT;
        return Stream.of(
                Arguments.of("documented: string body, \"null\" last token, PascalCase", d),
                Arguments.of("array body", d.withBody(FakeShape.Body.ARRAY)),
                Arguments.of("JSON null last token", d.withLastToken(FakeShape.LastToken.JSON_NULL)),
                Arguments.of("no token on the last page", d.withLastToken(FakeShape.LastToken.MISSING)),
                Arguments.of("empty last token", d.withLastToken(FakeShape.LastToken.EMPTY)),
                Arguments.of("camelCase keys", d.withKeys(FakeShape.Keys.CAMEL)),
                Arguments.of("snake_case keys", d.withKeys(FakeShape.Keys.SNAKE)),
                Arguments.of("the docs' labels as keys", d.withKeys(FakeShape.Keys.SPACED)),
                Arguments.of("dates with a space", d.withDates(FakeShape.Dates.SPACE)),
                Arguments.of("dates with an offset", d.withDates(FakeShape.Dates.OFFSET)),
                Arguments.of("dates without a zone", d.withDates(FakeShape.Dates.ISO_NO_ZONE)),
                Arguments.of("durations as strings", d.withDurations(FakeShape.Durations.STRING)),
                Arguments.of("everything at once", d.withBody(FakeShape.Body.ARRAY).withLastToken(FakeShape.LastToken.JSON_NULL)
                        .withKeys(FakeShape.Keys.SNAKE).withDates(FakeShape.Dates.OFFSET).withDurations(FakeShape.Durations.STRING)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyShapeLandsTheSameData(String name, FakeShape shape) {
        FakeValorApi.Builder api = FakeValorApi.builder().organisation(FakeOrganisation.generate(11, 6, 130)).shape(shape);
        try (SyncFixture fixture = SyncFixture.start(dir, api)) {
            SyncReport report = fixture.sync();
            SyncTest.assertSessionsMatch(fixture.organisation().sessions(), fixture.db, shape);
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), report.warnings(), "no field went unread");
        }
    }
}
