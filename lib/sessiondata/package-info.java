//SOURCES FetchCounts.java
//SOURCES IkArrays.java
//SOURCES ReportMetrics.java
//SOURCES SessionDataFetcher.java
//SOURCES SessionDataKind.java
//SOURCES SessionDataOptions.java
//SOURCES SessionDataStore.java
//SOURCES ../api/package-info.java
//SOURCES ../base/package-info.java
//SOURCES ../ik/package-info.java
//SOURCES ../store/package-info.java

/**
 * Per-session data (--with reports,ik): what to fetch, fetching it, parsing report metrics, and
 * storing each session's rows whole or not at all.
 */
package valor.sessiondata;
