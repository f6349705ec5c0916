///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
//DESCRIPTION valor-shell: JShell with your synced Valor data open and helpers to query it.
//DESCRIPTION show(sql), rows(sql), rows(Record.class, sql), csv(file, sql); SQL or a saved query's name.
//DESCRIPTION Given a .jsh file, runs it without a prompt (exit 1 at the first failing line).
//DESCRIPTION Usage: valor-shell [--demo] [--db PATH] [--write] [SCRIPT.jsh [ARGS...]]
//DESCRIPTION Example: valor-shell --demo
//SOURCES ../lib/ShellCommand.java

/** Thin launcher: everything lives in lib/ShellCommand.java so tests can run it in-process. */
public class ValorShell {
    public static void main(String[] args) {
        valor.ShellCommand.main(args);
    }
}
