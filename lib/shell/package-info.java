//SOURCES JshScript.java
//SOURCES RecordValues.java
//SOURCES ../base/package-info.java
//SOURCES ../output/package-info.java

/**
 * valor-shell's helpers beside {@code valor.Shell}: running a .jsh file line by line, and filling
 * records from rows.
 */
package valor.shell;
