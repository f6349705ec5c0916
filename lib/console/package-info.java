//SOURCES OneSessionWebServer.java
//SOURCES BrowserPage.java
//SOURCES PageGate.java
//SOURCES ../base/package-info.java

/**
 * The console's web server: H2's web console, cut down to the one session the toolkit opens for
 * the analyst and that session's pages, so that the printed address (its session key) is the only
 * way in and leads nowhere but the store; and the private page a browser is opened on, so that the
 * key never appears on a command line.
 */
package valor.console;
