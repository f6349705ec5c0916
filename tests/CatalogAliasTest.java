package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Checkout;
import valor.base.Json;
import valor.fake.DemoOrganisation;

/**
 * Runs the catalog's aliases through ./jbang, as users do: JBang ignores a misspelled directive
 * or catalog key without a word, so only running every alias proves the catalog is whole.
 */
class CatalogAliasTest {
    /** The checkout: the test suite is run from it (./jbang tests/RunTests.java). */
    static final Path ROOT = Checkout.find()
            .orElseThrow(() -> new IllegalStateException("run the tests from the repository (./jbang tests/RunTests.java)"));

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyAliasRunsAndItsHelpEndsWithExamples() throws IOException {
        JsonNode aliases = Json.parse(Files.readString(ROOT.resolve("jbang-catalog.json"))).get("aliases");
        List<DynamicTest> tests = new ArrayList<>();
        aliases.properties().forEach(alias -> tests.add(DynamicTest.dynamicTest(alias.getKey(), () -> {
            Result help = jbang(Map.of(), alias.getKey(), "--help");
            assertEquals(0, help.exitCode(), help.output());
            assertTrue(help.output().contains("usage: " + alias.getKey()), help.output());
            assertTrue(help.output().contains("Examples:"), help.output());

            String script = Files.readString(ROOT.resolve(alias.getValue().get("script-ref").asText()));
            String description = alias.getValue().get("description").asText();
            assertTrue(script.contains("//DESCRIPTION " + description), "the catalog and the script's //DESCRIPTION agree");
        })));
        return tests.stream();
    }

    @Test
    void theReadmeDemoCommandWorksThroughTheWrapper() throws Exception {
        Result demo = jbang(Map.of("XDG_DATA_HOME", dir.toString()), "valor-sync", "--demo");
        assertEquals(0, demo.exitCode(), demo.output());
        assertTrue(demo.output().contains("synced sessions " + DemoOrganisation.SESSIONS + " new"), demo.output());
        assertTrue(Files.exists(dir.resolve("valor/demo.mv.db")));
    }

    record Result(int exitCode, String output) {}

    static Result jbang(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("jbang").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(300, TimeUnit.SECONDS)) process.destroyForcibly();
        return new Result(process.exitValue(), output);
    }
}
