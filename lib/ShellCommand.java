//SOURCES base/package-info.java
//SOURCES cli/package-info.java
//SOURCES shell/package-info.java
//SOURCES store/package-info.java
//SOURCES Shell.java
package valor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import valor.base.ClasspathResources;
import valor.base.Failure;
import valor.base.Io;
import valor.base.Json;
import valor.cli.Command;
import valor.shell.JshScript;
import valor.store.DatabaseLocation;
import valor.store.StoreOptions;

/**
 * valor-shell: JShell with the toolkit on the class path, the store open and {@link Shell}'s
 * helpers imported; or, given a .jsh file, runs it without a prompt. Snippets run in this JVM
 * (JShell's local execution, as JBang's --interactive does), so there is no second JVM to start.
 */
public final class ShellCommand extends Command {
    private static final String STARTUP = "valor/shell/startup.jsh";

    public ShellCommand() {
        super("valor-shell");
    }

    public static void main(String[] args) {
        System.exit(new ShellCommand().run(args, Io.system()));
    }

    @Override
    protected String summary() {
        return "JShell with your Valor store open and helpers to query it: show(sql), rows(sql), csv(file, sql)."
                + " Given a .jsh file, runs it without a prompt and exits 1 at the first failing line.";
    }

    @Override
    protected String operands() {
        return " [SCRIPT.jsh [ARGS...]]";
    }

    @Override
    protected void addOptions(Options options) {
        StoreOptions.addForReading(options);
        options.addOption(Option.builder().longOpt("write").desc("open the store writable (default: read-only)").get());
    }

    @Override
    protected String epilogue() {
        return """
                In the shell (and in scripts), SQL or a saved query's name, then optional name/value pairs:
                  show("select * from athlete_summary")            print a table
                  show("sessions-per-week", "athlete", "Noah Cohen")
                  var rows = rows("select * from sessions limit 10")   List<Map<String, Object>>
                  record Week(String isoWeek, long sessions) {}  rows(Week.class, "sessions-per-week")
                  csv("weekly.csv", "sessions-per-week")           export to CSV
                  tables()  queries()  help()
                A script sees its arguments as String[] args; put those that start with - after --.
                On a team store (--db jdbc:postgresql://...) the shell logs in as the other commands do: --db-user and
                --db-password-file, else PGUSER, PGPASSWORD and ~/.pgpass; no password is passed on to JShell.

                Exit codes: 0 done; 1 a script line failed; 2 usage error (flags, missing script or database).

                Examples:
                  valor-shell --demo                       interactive
                  valor-shell --demo report.jsh 2024-W05   run a script with an argument
                  valor-shell --demo report.jsh -- --all   an argument that looks like an option
                """;
    }

    @Override
    protected int execute(CommandLine line, Io io) throws Exception {
        List<String> operands = line.getArgList();
        DatabaseLocation location = StoreOptions.existing(line, io);
        boolean write = line.hasOption("write");
        String script = operands.isEmpty() ? null : operands.get(0);
        String source = script == null ? null : readScript(script);
        List<String> args = operands.size() > 1 ? operands.subList(1, operands.size()) : List.of();
        // Open here first: a missing or empty store fails with its one line before JShell starts.
        Shell.open(location, write);
        try {
            return runShell(location, write, script, source, args, io, line);
        } finally {
            Shell.close();
        }
    }

    private static int runShell(DatabaseLocation location, boolean write, String script, String source, List<String> args, Io io,
                                CommandLine line) throws Exception {
        List<String> setup = setup(location, write, args, line);
        if (script != null) {
            try (JShell shell = JShell.builder().executionEngine("local").out(io.out()).err(io.err()).build()) {
                shell.addToClasspath(System.getProperty("java.class.path"));
                return JshScript.run(shell, Path.of(script).getFileName().toString(), source, setup, io);
            }
        }
        io.err().println("valor-shell: " + location.display() + " is open " + (write ? "for writing" : "read-only")
                + "; type help() for the helpers, /exit to leave");
        // The only startup: JShell looks for a file named after a built-in one (DEFAULT, PRINTING...) in the
        // working folder first, so naming one would run whatever someone left there. Created 0600.
        Path startup = Files.createTempFile("valor-shell", ".jsh");
        try {
            Files.writeString(startup, String.join("\n", setup) + "\n");
            return JavaShellToolBuilder.builder().in(io.in(), null).out(io.out()).err(io.err())
                    .start("--execution", "local", "--class-path", System.getProperty("java.class.path"),
                            "--startup", startup.toString(), "--feedback", "concise");
        } finally {
            Files.deleteIfExists(startup);
        }
    }

    /**
     * The snippets that make the helpers available, in the shell and in scripts alike: the toolkit's
     * startup from the class path (imports, one a line), then the store's. A team store's snippet names
     * the server and, as given, --db-user and --db-password-file (a path), never a password: the shell
     * finds the login itself, the PostgreSQL way, as this command did.
     */
    private static List<String> setup(DatabaseLocation location, boolean write, List<String> args, CommandLine line) {
        List<String> snippets = new ArrayList<>(ClasspathResources.read(STARTUP).lines()
                .filter(snippet -> !snippet.isBlank() && !snippet.startsWith("//")).toList());
        if (location.isPostgres()) {
            String passwordFile = line.getOptionValue("db-password-file");
            snippets.add("valor.Shell.openTeamStore(" + Json.quote(location.jdbcUrl()) + ", " + quoteOrNull(line.getOptionValue("db-user")) + ", "
                    + quoteOrNull(passwordFile == null ? null : Path.of(passwordFile).toAbsolutePath().toString()) + ", " + write + ");");
        } else {
            String file = location.file() == null ? "null" : Json.quote(location.file().toString());
            snippets.add("valor.Shell.open(" + Json.quote(location.jdbcUrl()) + ", " + file + ", " + Json.quote(location.key().file().toString())
                    + ", " + location.openAllowed() + ", " + write + ");");
        }
        List<String> quoted = args.stream().map(Json::quote).toList();
        snippets.add("String[] args = new String[] {" + String.join(", ", quoted) + "};");
        return snippets;
    }

    private static String quoteOrNull(String value) {
        return value == null ? "null" : Json.quote(value);
    }

    private static String readScript(String script) {
        Path path = Path.of(script);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw Failure.usage("no script " + path + " (give a .jsh file, or nothing for the interactive shell)");
        } catch (IOException e) {
            throw Failure.usage("cannot read " + path + ": " + e.getMessage());
        }
    }
}
