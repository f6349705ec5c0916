//SOURCES ChartData.java
//SOURCES ChartFiles.java
//SOURCES ChartType.java
//SOURCES EChartsScript.java
//SOURCES HtmlChart.java
//SOURCES PngChart.java
//SOURCES TextChart.java
//SOURCES ../base/package-info.java
//SOURCES ../output/package-info.java

/**
 * valor-chart's charts: a query's result turned into series, drawn as a PNG (JFreeChart), as a
 * self-contained interactive HTML page (ECharts inlined) or as Unicode blocks in the terminal.
 */
package valor.chart;
