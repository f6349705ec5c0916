package valor.shell;

import java.util.List;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import valor.base.Failure;
import valor.base.Io;

/**
 * Runs a .jsh file without a prompt, snippet by snippet, through the JShell API, and stops at
 * the first snippet that does not compile or throws, naming its line: a script that fails must
 * fail its caller (exit 1), where jshell itself would carry on. {@code /exit} ends a script early.
 */
public final class JshScript {
    private JshScript() {}

    /** @return the exit code */
    public static int run(JShell shell, String name, String source, List<String> setup, Io io) {
        for (String snippet : setup) {
            String problem = evaluate(shell, snippet);
            if (problem != null) throw Failure.failed("cannot set up the shell: " + problem);
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = source;
        int consumed = 0;
        while (!remaining.isBlank()) {
            String command = leadingCommand(remaining);
            if (command != null) {
                int line = lineAt(source, consumed + remaining.indexOf('/'));
                if (command.equals("/exit") || command.startsWith("/exit ")) return exitCode(command, name, line);
                throw Failure.usage(name + ":" + line + ": scripts may use /exit but no other jshell command (" + command + ")");
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            int length = remaining.length() - info.remaining().length();
            int line = lineAt(source, consumed + firstCode(remaining));
            if (info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                    || info.completeness() == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE && info.remaining().isBlank()) {
                throw Failure.failed(name + ":" + line + ": the script ends in the middle of a statement");
            }
            if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
                String problem = evaluate(shell, info.source());
                if (problem != null) throw Failure.failed(name + ":" + line + ": " + problem);
            }
            io.out().flush();
            remaining = info.remaining();
            consumed += length;
            if (length == 0) break;
        }
        return Failure.OK;
    }

    /** Evaluates one snippet; returns what went wrong, or null. */
    private static String evaluate(JShell shell, String snippet) {
        for (SnippetEvent event : shell.eval(snippet)) {
            if (event.status() == Snippet.Status.REJECTED) {
                List<Diag> diagnostics = shell.diagnostics(event.snippet()).toList();
                return diagnostics.isEmpty() ? "cannot compile: " + snippet.strip()
                        : diagnostics.get(0).getMessage(null).lines().findFirst().orElse("") + " in: " + snippet.strip();
            }
            if (event.exception() != null) return describe(event.exception());
        }
        return null;
    }

    private static String describe(JShellException exception) {
        if (exception instanceof EvalException thrown) {
            String type = thrown.getExceptionClassName();
            String message = thrown.getMessage() == null ? "" : thrown.getMessage();
            // A Failure already reads as a sentence for the user; anything else is named by its class.
            return type.equals(Failure.class.getName()) ? message : type.substring(type.lastIndexOf('.') + 1) + ": " + message;
        }
        return String.valueOf(exception.getMessage());
    }

    private static String leadingCommand(String text) {
        String stripped = text.stripLeading();
        if (!stripped.startsWith("/") || stripped.startsWith("//") || stripped.startsWith("/*")) return null;
        int end = stripped.indexOf('\n');
        return (end < 0 ? stripped : stripped.substring(0, end)).strip();
    }

    private static int exitCode(String command, String name, int line) {
        String argument = command.substring("/exit".length()).strip();
        if (argument.isEmpty()) return Failure.OK;
        try {
            return Integer.parseInt(argument);
        } catch (NumberFormatException e) {
            throw Failure.usage(name + ":" + line + ": /exit takes a whole number, not " + argument);
        }
    }

    /** Skips whitespace and comments, so an error names the line the code is on. */
    private static int firstCode(String text) {
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) i++;
            else if (text.startsWith("//", i)) i = text.indexOf('\n', i) < 0 ? text.length() : text.indexOf('\n', i);
            else if (text.startsWith("/*", i)) i = text.indexOf("*/", i) < 0 ? text.length() : text.indexOf("*/", i) + 2;
            else break;
        }
        return Math.min(i, Math.max(0, text.length() - 1));
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
