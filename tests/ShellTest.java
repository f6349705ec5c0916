package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;
import valor.fake.FakeOrganisation;

/** valor-shell in its own JVM, as analysts run it: .jsh scripts without a prompt, and the prompt fed from a pipe. */
class ShellTest {
    @TempDir
    static Path shared;
    static AnalystStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncAStore() {
        store = AnalystStore.synced(shared, 9, 6, 300);
    }

    @Test
    void aScriptRunsWithTheHelpersTheStoreAndItsArguments() throws Exception {
        Path export = dir.resolve("mix.csv");
        Path script = write("report.jsh", """
                // a report an analyst keeps
                show("select count(*) as sessions from session_details");
                var rows = rows("select athlete_id, sessions from athlete_summary order by sessions desc");
                System.out.println("top=" + rows.get(0).get("athlete_id") + " " + rows.get(0).get("sessions"));
                record Extreme(String exerciseName, long sessions, double longestS) {}
                var extremes = rows(Extreme.class, "session-extremes");
                System.out.println("extremes=" + extremes.size() + " first=" + extremes.get(0).exerciseName());
                System.out.println("value=" + value("select count(*) from athletes where deleted_at is null"));
                csv(args[0], "exercise-mix", "athlete", args[1]);
                """);
        String top = store.organisation.sessions().stream()
                .collect(java.util.stream.Collectors.groupingBy(FakeOrganisation.FakeSession::athleteId, java.util.stream.Collectors.counting()))
                .entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();

        Run run = shell(null, "--db", store.db.toString(), script.toString(), export.toString(), top);

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("sessions\n--------\n     " + store.organisation.sessionCount()), run.output());
        assertTrue(run.output().contains("(1 row, "), run.output());
        assertTrue(run.output().contains("top=" + top + " " + store.organisation.sessionsOf(top).size()), run.output());
        long exercises = store.organisation.sessions().stream().map(FakeOrganisation.FakeSession::exerciseId).distinct().count();
        assertTrue(run.output().contains("extremes=" + exercises + " first="), run.output());
        assertTrue(run.output().contains("value=" + store.organisation.athletes().size()), run.output());
        assertEquals(store.sql("--csv", "exercise-mix", "-p", "athlete=" + top).out(), Files.readString(export),
                "csv() writes what valor-sql --csv prints");
    }

    @Test
    void aFailingLineStopsTheScriptNamingTheLineAndExitsOne() throws Exception {
        Path script = write("broken.jsh", """
                System.out.println("first");

                show("select * from sesions");
                System.out.println("never");
                """);
        Run run = shell(null, "--db", store.db.toString(), script.toString());

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("first"));
        assertFalse(run.output().contains("never"), "nothing runs after the failing line");
        assertTrue(run.output().contains("valor-shell: broken.jsh:3: no table or view named sesions; did you mean sessions?"), run.output());

        Run typo = shell(null, "--db", store.db.toString(), write("typo.jsh", "int x = 1;\nStrin y = \"a\";\n").toString());
        assertEquals(1, typo.exitCode(), typo.output());
        assertTrue(typo.output().contains("valor-shell: typo.jsh:2: cannot find symbol"), typo.output());
    }

    @Test
    void theStoreIsReadOnlyInTheShellUnlessWriteIsGiven() throws Exception {
        Path copy = dir.resolve("copy.mv.db");
        Files.copy(store.db, copy);
        Path script = write("change.jsh", "show(\"update athletes set first_name = 'Zed'\");\n");

        Run readOnly = shell(null, "--db", copy.toString(), script.toString());
        assertEquals(1, readOnly.exitCode(), readOnly.output());
        assertTrue(readOnly.output().contains("the store is open read-only"), readOnly.output());
        assertEquals(0L, TestDb.count(copy, "SELECT COUNT(*) FROM athletes WHERE first_name = 'Zed'"));

        Run writable = shell(null, "--db", copy.toString(), "--write", script.toString());
        assertEquals(0, writable.exitCode(), writable.output());
        assertTrue(writable.output().contains("rows changed"), writable.output());
        assertTrue(TestDb.count(copy, "SELECT COUNT(*) FROM athletes WHERE first_name = 'Zed'") > 0);
    }

    @Test
    void thePromptTakesSnippetsFromAPipeWithTheHelpersInScope() throws Exception {
        Run run = shell("show(\"select count(*) as athletes from athletes\")\nvalue(\"select count(*) from sessions\")\n/exit\n",
                "--db", store.db.toString());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("is open read-only; type help() for the helpers"), run.output());
        assertTrue(run.output().contains("athletes\n--------\n" + String.format("%8d", 6)), "deleted athlete included: " + run.output());
        assertTrue(run.output().contains("==> 300"), run.output());
    }

    @Test
    void aMissingScriptOrStoreIsAUsageError() throws Exception {
        Run noScript = shell(null, "--db", store.db.toString(), dir.resolve("none.jsh").toString());
        assertEquals(2, noScript.exitCode(), noScript.output());
        assertTrue(noScript.output().startsWith("valor-shell: no script "), noScript.output());
        Run noStore = shell(null, "--db", dir.resolve("none.mv.db").toString());
        assertEquals(2, noStore.exitCode(), noStore.output());
        assertTrue(noStore.output().contains("run valor-sync first"), noStore.output());
    }

    /**
     * A shared folder (a lab's project folder, /tmp) where someone left files named after JShell's
     * built-in startups: jshell reads such a file from the working folder before its own. Neither the
     * prompt nor a script started there runs them, and the shell still has its usual imports.
     */
    @Test
    void filesNamedLikeJShellsStartupsInTheWorkingFolderNeverRun() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        List<String> planted = List.of("DEFAULT", "PRINTING", "JAVASE", "TOOLING");
        for (String name : planted) {
            Files.writeString(shared.resolve(name), "java.nio.file.Files.writeString(java.nio.file.Path.of(" + Json.quote(dir.resolve("ran-" + name).toString())
                    + "), \"their code ran as you\");\n");
        }
        Path script = write("uses-imports.jsh", "System.out.println(\"listed=\" + List.of(Path.of(\"a\")).size());\n");

        Run prompt = shell(shared, dir, Map.of(), "show(\"select count(*) as athletes from athletes\")\nvar p = Path.of(\"x\"); new BigDecimal(\"1.5\")\n/exit\n",
                "--db", store.db.toString());
        Run scripted = shell(shared, dir, Map.of(), null, "--db", store.db.toString(), script.toString());

        for (String name : planted) assertFalse(Files.exists(dir.resolve("ran-" + name)), name + " from the working folder ran: " + prompt.output());
        assertEquals(0, prompt.exitCode(), prompt.output());
        assertTrue(prompt.output().contains("athletes\n--------"), "the helpers are there: " + prompt.output());
        assertTrue(prompt.output().contains("==> 1.5"), "JShell's usual imports (java.nio.file, java.math) are there: " + prompt.output());
        assertEquals(0, scripted.exitCode(), scripted.output());
        assertTrue(scripted.output().contains("listed=1"), scripted.output());
    }

    record Run(int exitCode, String output) {}

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** Runs valor-shell in its own JVM with stdin from {@code input} (none when null); stdout and stderr together. */
    private Run shell(String input, String... args) throws Exception {
        return shell(dir, Map.of(), input, args);
    }

    /**
     * As above, with {@code home} as HOME and only {@code env} to log in to a team store with: the
     * test's own PGUSER, PGPASSWORD and PGPASSFILE are left out.
     */
    static Run shell(Path home, Map<String, String> env, String input, String... args) throws Exception {
        return shell(null, home, env, input, args);
    }

    /** As above, started in {@code workingFolder} (null: the test's own). */
    static Run shell(Path workingFolder, Path home, Map<String, String> env, String input, String... args) throws Exception {
        ProcessBuilder builder = JavaProcess.of(ShellCommand.class, args).redirectErrorStream(true);
        if (workingFolder != null) builder.directory(workingFolder.toFile());
        builder.environment().keySet().removeAll(List.of("PGUSER", "PGPASSWORD", "PGPASSFILE"));
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) process.destroyForcibly();
        return new Run(process.exitValue(), output.replace("\r", ""));
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
