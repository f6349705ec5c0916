//SOURCES Chart.java
//SOURCES ChartData.java
//SOURCES ChartFiles.java
//SOURCES ChartType.java
//SOURCES Clip.java
//SOURCES ColumnTitles.java
//SOURCES EChartsScript.java
//SOURCES HtmlChart.java
//SOURCES Layout.java
//SOURCES NumberLabel.java
//SOURCES Palette.java
//SOURCES PngChart.java
//SOURCES PngHeatmap.java
//SOURCES PngMultiples.java
//SOURCES TextChart.java
//SOURCES TimeBuckets.java
//SOURCES ../base/package-info.java
//SOURCES ../output/package-info.java
//SOURCES ../query/package-info.java

/**
 * valor-chart's charts: a query's result turned into series (time buckets filled, a squad laid out
 * as a heatmap or small multiples, a scale one outlier does not flatten), drawn as a PNG
 * (JFreeChart), as a self-contained interactive HTML page (ECharts inlined) or as Unicode blocks in
 * the terminal.
 */
package valor.chart;
