///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
//DESCRIPTION valor-console: browse your synced Valor data in H2's web console, on 127.0.0.1 only.
//DESCRIPTION Read-only unless --write; prints the address and opens a browser where there is a display.
//DESCRIPTION Usage: valor-console [--demo] [--db PATH] [--write] [--port PORT] [--no-browser]
//DESCRIPTION Example: valor-console --demo
//SOURCES ../lib/ConsoleCommand.java

/** Thin launcher: everything lives in lib/ConsoleCommand.java so tests can run it in-process. */
public class ValorConsole {
    public static void main(String[] args) {
        valor.ConsoleCommand.main(args);
    }
}
