///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
//DESCRIPTION valor-login: sign in to Valor once; valor-sync then uses and renews the cached tokens.
//DESCRIPTION Asks for username and password (no echo) and signs in with the vendor's Cognito user pool; caches only the tokens (mode 0600).
//DESCRIPTION Usage: valor-login [--username NAME] [--client-id ID] [--password-stdin] | --status | --logout
//DESCRIPTION Example: valor-login --client-id 1h2j3k4l5m6n7o8p9q0r
//SOURCES ../lib/LoginCommand.java

/** Thin launcher: the command lives in lib/LoginCommand.java so tests can run it in-process. */
public class ValorLogin {
    public static void main(String[] args) {
        valor.LoginCommand.main(args);
    }
}
