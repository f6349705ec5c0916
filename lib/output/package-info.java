//SOURCES ByteBlock.java
//SOURCES DelimitedWriter.java
//SOURCES JsonRowsWriter.java
//SOURCES ResultColumns.java
//SOURCES ResultWriter.java
//SOURCES SqlValues.java
//SOURCES TextTableWriter.java
//SOURCES ../base/package-info.java

/**
 * Result formats: a text table, CSV and TSV, JSON and JSON lines, and Markdown, from one column model.
 */
package valor.output;
