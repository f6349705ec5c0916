package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The source lists are what a user of a published catalog compiles: JBang cannot expand a
 * wildcard over a URL, so every file is named, and a file nobody lists is missing for them. These
 * checks make a forgotten entry fail the suite instead of a remote user's build.
 */
class SourceListsTest {
    private static final Path ROOT = CatalogAliasTest.ROOT;
    private static final Path LIB = ROOT.resolve("lib");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?valor\\.(?:([a-z]+)\\.)?([A-Z]\\w*)", Pattern.MULTILINE);

    @Test
    void noSourcesOrFilesLineUsesAWildcard() throws IOException {
        List<String> wildcards = new ArrayList<>();
        for (String folder : List.of("scripts", "lib", "tests", "bench")) {
            for (Path file : files(ROOT.resolve(folder), ".java")) {
                SourceLists.directives(file).stream().filter(d -> d.value().contains("*"))
                        .forEach(d -> wildcards.add(ROOT.relativize(file) + ": //" + d.kind() + " " + d.value()));
            }
        }
        assertEquals(List.of(), wildcards, "JBang cannot expand these over a URL; name each file");
    }

    @Test
    void everyListedFileExistsAndTheListsHaveNoCycle() throws IOException {
        for (Path root : roots().values()) {
            SourceLists.Closure closure = SourceLists.closure(root); // throws on a cycle or a missing file
            for (SourceLists.Resource resource : closure.resources()) {
                assertTrue(Files.isRegularFile(resource.source()), ROOT.relativize(root) + " ships a missing file " + resource.source());
            }
        }
    }

    @Test
    void everyLibraryFileIsCompiledBySomeCommand() throws IOException {
        Set<Path> compiled = SourceLists.catalogScripts(ROOT).values().stream().flatMap(s -> SourceLists.closure(s).sources().stream()).collect(Collectors.toSet());
        List<String> unlisted = files(LIB, ".java").stream().filter(f -> !compiled.contains(f)).map(f -> ROOT.relativize(f).toString()).toList();
        assertEquals(List.of(), unlisted, "list each file in its package's package-info.java");
    }

    @Test
    void everySqlFileShipsUnderItsOwnNameOnTheClassPath() throws IOException {
        Map<Path, String> shipped = new LinkedHashMap<>();
        for (Path script : SourceLists.catalogScripts(ROOT).values()) {
            SourceLists.closure(script).resources().forEach(r -> shipped.put(r.source(), r.classpathName()));
        }
        List<String> problems = new ArrayList<>();
        // sql/README.md is for people reading the checkout, not for the store.
        for (Path file : files(ROOT.resolve("sql"), "")) {
            if (file.toString().endsWith(".md")) continue;
            String name = ROOT.relativize(file).toString();
            if (!shipped.containsKey(file)) problems.add(name + " is in no //FILES line");
            else if (!shipped.get(file).equals(name)) problems.add(name + " ships as " + shipped.get(file));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void eachPackageFolderListsItsOwnFilesAndDeclaresItsPackage() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : files(LIB, ".java")) {
            Path folder = LIB.relativize(file.getParent());
            String expected = folder.toString().isEmpty() ? "valor" : "valor." + folder.toString().replace('/', '.');
            if (!Pattern.compile("^package " + Pattern.quote(expected) + ";", Pattern.MULTILINE).matcher(Files.readString(file)).find()) problems.add(ROOT.relativize(file) + " is not in package " + expected);
            if (folder.toString().isEmpty() || file.getFileName().toString().equals("package-info.java")) continue;
            Path manifest = file.resolveSibling("package-info.java");
            boolean listed = Files.exists(manifest) && SourceLists.directives(manifest).stream()
                    .anyMatch(d -> d.kind().equals("SOURCES") && d.value().equals(file.getFileName().toString()));
            if (!listed) problems.add(ROOT.relativize(file) + " is not listed in " + ROOT.relativize(manifest));
        }
        assertEquals(List.of(), problems);
    }

    /** What javac needs to see is what JBang compiled: every import of the toolkit must be in the importer's closure. */
    @Test
    void eachFileCompilesWithWhatItsPackageLists() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : files(LIB, ".java")) {
            Path manifest = file.getParent().equals(LIB) ? file : file.resolveSibling("package-info.java");
            Set<Path> closure = SourceLists.closure(manifest).sources();
            Matcher imported = IMPORT.matcher(Files.readString(file));
            while (imported.find()) {
                Path needed = imported.group(1) == null ? LIB.resolve(imported.group(2) + ".java")
                        : LIB.resolve(imported.group(1)).resolve(imported.group(2) + ".java");
                if (!closure.contains(needed)) problems.add(ROOT.relativize(file) + " imports " + LIB.relativize(needed) + ", which "
                        + ROOT.relativize(manifest) + " does not reach");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void eachCommandCompilesOnlyTheSubsystemsItUses() throws IOException {
        Map<String, Set<String>> packages = new LinkedHashMap<>();
        SourceLists.catalogScripts(ROOT).forEach((alias, script) -> packages.put(alias, SourceLists.closure(script).sources().stream()
                .filter(f -> f.startsWith(LIB) && !f.getParent().equals(LIB)).map(f -> LIB.relativize(f.getParent()).toString())
                .collect(Collectors.toCollection(TreeSet::new))));
        Set<String> login = packages.get("valor-login");
        for (String unused : List.of("fake", "query", "output", "store", "sync")) {
            assertFalse(login.contains(unused), "valor-login compiles lib/" + unused + ": " + login);
        }
        for (String reader : List.of("valor-sql", "valor-shell", "valor-console")) {
            assertFalse(packages.get(reader).contains("fake") || packages.get(reader).contains("auth"), reader + " compiles " + packages.get(reader));
        }
    }

    /** The fake API is fenced off: outside it, only the demo's door and valor-mock reach in. */
    @Test
    void productCodeReachesTheFakeOnlyThroughTheDemo() throws IOException {
        List<String> reaching = new ArrayList<>();
        for (Path file : files(LIB, ".java")) {
            if (file.startsWith(LIB.resolve("fake")) || file.equals(LIB.resolve("MockCommand.java"))) continue;
            Matcher imported = IMPORT.matcher(Files.readString(file));
            while (imported.find()) {
                if ("fake".equals(imported.group(1)) && !imported.group(2).equals("DemoOrganisation")) {
                    reaching.add(ROOT.relativize(file) + " uses valor.fake." + imported.group(2));
                }
            }
        }
        assertEquals(List.of(), reaching);
    }

    @Test
    void theSuiteRunsEveryTestFile() throws IOException {
        Set<Path> listed = SourceLists.closure(ROOT.resolve("tests/RunTests.java")).sources();
        List<String> missing = files(ROOT.resolve("tests"), ".java").stream().filter(f -> !listed.contains(f))
                .map(f -> ROOT.relativize(f).toString()).toList();
        assertEquals(List.of(), missing, "add them to tests/RunTests.java's //SOURCES lines");
    }

    /** Every file the user or CI runs directly: the catalog's scripts, the test runner and the benchmarks. */
    private static Map<String, Path> roots() throws IOException {
        Map<String, Path> roots = new LinkedHashMap<>(SourceLists.catalogScripts(ROOT));
        roots.put("tests", ROOT.resolve("tests/RunTests.java"));
        for (Path bench : files(ROOT.resolve("bench"), ".java")) roots.put(bench.getFileName().toString(), bench);
        return roots;
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix)).map(Path::toAbsolutePath).map(Path::normalize)
                    .sorted().toList();
        }
    }
}
