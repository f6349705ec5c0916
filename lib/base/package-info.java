//SOURCES Checkout.java
//SOURCES ClasspathResources.java
//SOURCES DaemonThreads.java
//SOURCES DataDirs.java
//SOURCES Failure.java
//SOURCES Html.java
//SOURCES Invocation.java
//SOURCES Io.java
//SOURCES JBangCatalog.java
//SOURCES Json.java
//SOURCES Log.java
//SOURCES PrivateFiles.java
//SOURCES PromptExit.java
//SOURCES Secrets.java
//SOURCES ShellQuote.java
//SOURCES TerminalText.java

/**
 * What every subsystem shares: expected failures with their exit codes, the standard streams and
 * environment ({@link valor.base.Io}), a log that never prints a secret, JSON, the data and config
 * folders, the SQL files that travel inside the jar, and the escaping that keeps untrusted names
 * inert in HTML ({@link valor.base.Html}) and on a terminal ({@link valor.base.TerminalText}).
 */
package valor.base;
