//SOURCES Athlete.java
//SOURCES AthleteLookup.java
//SOURCES AthleteReport.java
//SOURCES IndexPage.java
//SOURCES PageNames.java
//SOURCES ReportFiles.java
//SOURCES ReportPage.java
//SOURCES ReportQueries.java
//SOURCES ReportRows.java
//SOURCES ../base/package-info.java
//SOURCES ../chart/package-info.java
//SOURCES ../output/package-info.java
//SOURCES ../query/package-info.java
//SOURCES ../store/package-info.java

/**
 * valor-report's athlete pages: an athlete's data read from the store through the saved queries
 * and analyst views, laid out as one self-contained HTML page per athlete (ECharts inlined, the
 * data as JSON in the page), and an index page linking them.
 */
package valor.report;
