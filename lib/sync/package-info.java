//SOURCES AthletePages.java
//SOURCES DeferredIndexes.java
//SOURCES DerivedRows.java
//SOURCES Entity.java
//SOURCES EntityCounts.java
//SOURCES EntityWriter.java
//SOURCES FieldReport.java
//SOURCES Partitioning.java
//SOURCES Partitions.java
//SOURCES PassSweep.java
//SOURCES Progress.java
//SOURCES ReaderLockBreaker.java
//SOURCES SessionDataSync.java
//SOURCES SessionPlan.java
//SOURCES SessionsEstimate.java
//SOURCES SessionsPace.java
//SOURCES StopRequest.java
//SOURCES StoredRows.java
//SOURCES StreamedSummaries.java
//SOURCES SummaryTables.java
//SOURCES Sync.java
//SOURCES SyncLock.java
//SOURCES SyncOptions.java
//SOURCES SyncPasses.java
//SOURCES SyncReport.java
//SOURCES SyncRunLog.java
//SOURCES ../api/package-info.java
//SOURCES ../base/package-info.java
//SOURCES ../sessiondata/package-info.java
//SOURCES ../store/package-info.java

/**
 * The sync engine: pages each endpoint into the store with per-page checkpoints, writes only what
 * changed, marks deletes after a complete pass, logs each run, and then fetches per-session data.
 */
package valor.sync;
