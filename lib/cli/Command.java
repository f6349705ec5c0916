//DEPS commons-cli:commons-cli:1.11.0
package valor.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;
import valor.base.Failure;
import valor.base.Io;
import valor.base.Secrets;
import valor.base.TerminalText;

/**
 * The frame every valor-* command shares: flag parsing, --help and --version, and the rule that
 * an expected failure prints one line {@code <command>: <message>} and exits with its code,
 * while a stack trace appears only with --verbose. Messages may echo names the API sent ("did you
 * mean ...?"), so what they print goes through {@link TerminalText}.
 */
public abstract class Command {
    public static final String VERSION = "0.1.0";

    private final String name;

    protected Command(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The command's own flags; --help, --version, --verbose and --quiet are added here. */
    protected abstract void addOptions(Options options);

    /** One line: what the command does. */
    protected abstract String summary();

    /** Text after the flag list: worked examples, exit codes, environment. */
    protected abstract String epilogue();

    protected abstract int execute(CommandLine line, Io io) throws Exception;

    public final int run(String[] args, Io io) {
        Options options = new Options();
        addOptions(options);
        options.addOption(Option.builder("h").longOpt("help").desc("show this help and exit").get());
        options.addOption(Option.builder().longOpt("version").desc("show the version and exit").get());
        options.addOption(Option.builder().longOpt("verbose").desc("print details (never secrets), and stack traces on errors").get());
        options.addOption(Option.builder().longOpt("quiet").desc("print nothing but errors").get());
        boolean verbose = false;
        for (String arg : args) verbose |= arg.equals("--verbose");
        try {
            CommandLine line = parse(options, args);
            if (line.hasOption("help")) {
                io.out().print(help(options));
                return Failure.OK;
            }
            if (line.hasOption("version")) {
                io.out().println(name + " " + VERSION);
                return Failure.OK;
            }
            if (line.hasOption("quiet") && line.hasOption("verbose")) {
                throw Failure.usage("--quiet and --verbose contradict each other; pick one");
            }
            return execute(line, io);
        } catch (Failure failure) {
            io.err().println(name + ": " + TerminalText.escape(Secrets.redact(failure.getMessage())));
            for (String detail : failure.details()) io.err().println("  " + TerminalText.escape(Secrets.redact(detail)));
            if (verbose && failure.getCause() != null) printTrace(failure.getCause(), io);
            return failure.exitCode();
        } catch (Exception | Error bug) {
            io.err().println(name + ": unexpected error: " + TerminalText.escape(Secrets.redact(String.valueOf(bug)))
                    + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) printTrace(bug, io);
            return Failure.FAILED;
        }
    }

    private CommandLine parse(Options options, String[] args) {
        try {
            return DefaultParser.builder().setAllowPartialMatching(false).get().parse(options, commentOperandsLast(options, args));
        } catch (UnrecognizedOptionException e) {
            throw Failure.usage("unknown option " + e.getOption() + " (see --help)");
        } catch (MissingArgumentException e) {
            throw Failure.usage("option --" + e.getOption().getLongOpt() + " needs a value (see --help)");
        } catch (ParseException e) {
            throw Failure.usage(e.getMessage() + " (see --help)");
        }
    }

    /**
     * An argument that starts with "--" and then a space or a line break is SQL opening with a
     * comment ("-- weekly\nselect ..."), not a flag, but Commons CLI would reject it as an unknown
     * option. When there is one, the operands (it among them, in their order) move after a "--",
     * which ends the flags; flags and their values stay where they were. Other arguments are untouched.
     */
    static String[] commentOperandsLast(Options options, String[] args) {
        List<String> flags = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        boolean comment = false;
        boolean valueNext = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (valueNext) {
                flags.add(arg); // a flag's value, even one that looks like a comment
                valueNext = false;
            } else if (arg.equals("--")) {
                operands.addAll(Arrays.asList(args).subList(i + 1, args.length));
                break;
            } else if (arg.length() > 2 && arg.startsWith("--") && Character.isWhitespace(arg.charAt(2))) {
                operands.add(arg);
                comment = true;
            } else if (arg.length() > 1 && arg.startsWith("-")) {
                flags.add(arg);
                valueNext = valueFollows(options, arg);
            } else {
                operands.add(arg);
            }
        }
        if (!comment) return args;
        flags.add("--");
        flags.addAll(operands);
        return flags.toArray(String[]::new);
    }

    /** Whether the argument after this flag is its value, as Commons CLI decides: --name or -n taking one, or the last of -xn. */
    private static boolean valueFollows(Options options, String flag) {
        if (flag.startsWith("--")) {
            Option option = flag.contains("=") ? null : options.getOption(flag.substring(2));
            return option != null && option.hasArg();
        }
        for (int i = 1; i < flag.length(); i++) {
            Option option = options.getOption(flag.substring(i, i + 1));
            if (option == null) return false;
            if (option.hasArg()) return i == flag.length() - 1;
        }
        return false;
    }

    /** usage, summary, one line per flag, then the command's own epilogue with its examples, as written. */
    private String help(Options options) {
        StringBuilder text = new StringBuilder("usage: " + name + " [options]" + operands() + "\n\n");
        text.append(wrap(summary(), 100, "")).append("\nOptions:\n");
        int width = 0;
        for (Option option : options.getOptions()) width = Math.max(width, flag(option).length());
        for (Option option : options.getOptions()) {
            String flag = flag(option);
            String indent = " ".repeat(width + 5);
            text.append("  ").append(flag).append(" ".repeat(width - flag.length() + 3))
                    .append(wrap(option.getDescription(), 100 - indent.length(), indent));
        }
        return text.append("\n").append(epilogue()).toString();
    }

    private static String flag(Option option) {
        String flag = (option.getOpt() != null ? "-" + option.getOpt() + ", " : "") + "--" + option.getLongOpt();
        return option.hasArg() ? flag + " " + option.getArgName() : flag;
    }

    /** Word-wraps text to a width; lines after the first get the indent. Ends with a newline. */
    private static String wrap(String text, int width, String indent) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : text.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > width) {
                out.append("\n").append(indent);
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.append("\n").toString();
    }

    /** Positional operands shown after [options] in the usage line; none by default. */
    protected String operands() {
        return "";
    }

    private static void printTrace(Throwable error, Io io) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        io.err().print(TerminalText.escapeKeepingLines(Secrets.redact(trace.toString())));
    }

    /** Reads an integer flag, naming the flag in the error when it is not a number or out of range. */
    public static Integer intOption(CommandLine line, String flag, int min, int max) {
        String value = line.getOptionValue(flag);
        if (value == null) return null;
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw Failure.usage("--" + flag + " must be between " + min + " and " + max + ", not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw Failure.usage("--" + flag + " must be a whole number, not '" + value + "'");
        }
    }
}
