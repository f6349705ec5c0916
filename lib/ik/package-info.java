//SOURCES IkCodec.java
//SOURCES IkJointSummary.java
//SOURCES IkLongForm.java
//SOURCES IkSelection.java
//SOURCES IkSeries.java
//SOURCES StoredSeries.java
//SOURCES ../base/package-info.java

/**
 * Joint-angle (IK) series: parsing the vendor's parallel arrays, the compact lossless codec they are
 * stored in, the per-joint summary computed at ingest, and the stored series read back in long form
 * (a session at a time) for valor-export and the store's IK_SAMPLES_OF function.
 */
package valor.ik;
