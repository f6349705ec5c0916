//SOURCES ColumnCopy.java
//SOURCES ExportFilter.java
//SOURCES ExportFormat.java
//SOURCES ExportManifest.java
//SOURCES ExportProgress.java
//SOURCES ExportTarget.java
//SOURCES IkSamplesExport.java
//SOURCES MeasuredDecimal.java
//SOURCES StoreExport.java
//SOURCES ../base/package-info.java
//SOURCES ../ik/package-info.java
//SOURCES ../query/package-info.java
//SOURCES ../store/package-info.java

/**
 * valor-export: copies the store's analyst tables and views, and the decoded IK samples, into
 * DuckDB (its JDBC driver and appender; a table function of ours for the samples), filtered by
 * athlete, days and joint if asked, then writes them as Parquet files, CSV files or one DuckDB
 * database, always whole, into a temporary file or folder that is renamed into place at the end,
 * replacing only what an earlier export wrote there (its manifest lists it).
 */
package valor.export;
