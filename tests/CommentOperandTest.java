package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Io;
import valor.cli.Command;

/**
 * An argument that starts with "--" and then a space or a line break is SQL that opens with a
 * comment, so it is an operand, not an unknown flag; flags around it, and their values, mean what
 * they meant.
 */
class CommentOperandTest {
    @TempDir
    Path dir;

    /** A command that prints what it was given. */
    static final class Echo extends Command {
        Echo() {
            super("echo");
        }

        @Override
        protected void addOptions(Options options) {
            options.addOption(Option.builder("p").longOpt("param").hasArg().argName("NAME=VALUE").desc("a value").get());
            options.addOption(Option.builder("x").longOpt("vertical").desc("a flag").get());
            options.addOption(Option.builder().longOpt("csv").desc("a flag").get());
        }

        @Override
        protected String summary() {
            return "Prints its operands and flags.";
        }

        @Override
        protected String epilogue() {
            return "";
        }

        @Override
        protected int execute(CommandLine line, Io io) {
            io.out().print("operands=" + line.getArgList() + " p=" + Arrays.toString(line.getOptionValues("param"))
                    + " x=" + line.hasOption("x") + " csv=" + line.hasOption("csv"));
            return 0;
        }
    }

    private static String echo(String... args) {
        TestIo.Result result = TestIo.capture().run(new Echo(), args);
        assertEquals(0, result.exitCode(), result.toString());
        return result.out();
    }

    @Test
    void anArgumentOpeningWithACommentIsTheOperand() {
        assertEquals("operands=[-- weekly\nselect 1] p=null x=false csv=false", echo("-- weekly\nselect 1"));
        assertEquals("operands=[--\nselect 1] p=null x=false csv=false", echo("--\nselect 1"));
        assertEquals("operands=[--\tnote\nselect 1] p=null x=true csv=true", echo("--csv", "--\tnote\nselect 1", "-x"));
    }

    @Test
    void flagsTheirValuesAndTheOrderOfOperandsMeanWhatTheyMeant() {
        assertEquals("operands=[-- note] p=[-- x] x=false csv=false", echo("-p", "-- x", "-- note"), "a flag's value, though it looks like a comment");
        assertEquals("operands=[-- note] p=[a=1] x=true csv=false", echo("-xp", "a=1", "-- note"));
        assertEquals("operands=[a, -- b, c] p=[v] x=false csv=false", echo("a", "-- b", "--param", "v", "c"));
        assertEquals("operands=[-- note, --csv] p=null x=false csv=false", echo("--", "-- note", "--csv"), "after --, everything is an operand");

        TestIo.Result unknown = TestIo.capture().run(new Echo(), "--nope", "-- note");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals("echo: unknown option --nope (see --help)\n", unknown.err());
        assertEquals(2, TestIo.capture().run(new Echo(), "--select 1").exitCode(), "a flag name, not a comment");
    }

    @Test
    void valorSqlRunsSqlThatStartsWithAComment() {
        AnalystStore store = AnalystStore.synced(dir, 7, 4, 60);
        long athletes = store.organisation.athletes().size();
        TestIo.Result result = store.sql("--csv", "-- how many athletes are left\nselect count(*) as n from athletes where deleted_at is null");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("n\n" + athletes + "\n", result.out());

        long over = store.organisation.sessions().stream().filter(s -> s.durationSeconds() > 100).count();
        assertEquals("n\n" + over + "\n", store.sql("-p", "min=100", "--\n-- sessions over a limit\nselect count(*) as n from sessions"
                + " where deleted_at is null and duration_s > CAST(:min AS DOUBLE)", "--csv").out());
        assertTrue(over > 0);
    }
}
