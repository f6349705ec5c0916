//SOURCES Command.java
//SOURCES Prompt.java
//SOURCES Signals.java
//SOURCES ../base/package-info.java

/**
 * The frame every valor-* command runs in: flag parsing, --help and --version, one-line errors with
 * documented exit codes ({@link valor.cli.Command}), prompts without echo, and Ctrl-C.
 */
package valor.cli;
