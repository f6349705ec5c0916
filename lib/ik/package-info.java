//SOURCES IkCodec.java
//SOURCES IkJointSummary.java
//SOURCES IkSeries.java
//SOURCES ../base/package-info.java

/**
 * Joint-angle (IK) series: parsing the vendor's parallel arrays, the compact lossless codec they are
 * stored in, and the per-joint summary computed at ingest.
 */
package valor.ik;
