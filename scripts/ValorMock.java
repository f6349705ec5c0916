///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
//DESCRIPTION valor-mock: serve a fake Valor API on 127.0.0.1 for demos, benchmarks and trying a client by hand.
//DESCRIPTION Generated athletes and sessions, the real API's quirks (string body, JSON-encoded tokens), injected faults.
//DESCRIPTION Usage: valor-mock [--port N] [--athletes N] [--sessions N] [--seed N] [--keys ...] [--fault SPEC ...]
//DESCRIPTION Prints url=<base url> and token=<token> on stdout, then serves until killed.
//DESCRIPTION Example: valor-mock --sessions 1000000 --fault sessions@3x2=503
//SOURCES ../lib/MockCommand.java

/** Thin launcher: the command lives in lib/MockCommand.java. */
public class ValorMock {
    public static void main(String[] args) {
        valor.MockCommand.main(args);
    }
}
