//SOURCES JshScript.java
//SOURCES RecordValues.java
//SOURCES ../base/package-info.java
//SOURCES ../output/package-info.java
//FILES valor/shell/startup.jsh=startup.jsh

/**
 * valor-shell's helpers beside {@code valor.Shell}: running a .jsh file line by line, filling
 * records from rows, and the startup every shell and script begins with (startup.jsh, on the class path).
 */
package valor.shell;
