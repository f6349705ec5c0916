//SOURCES OneSessionWebServer.java

/**
 * The console's web server: H2's web console, cut down to the one session the toolkit opens for
 * the analyst, so that the printed address (its session key) is the only way in.
 */
package valor.console;
