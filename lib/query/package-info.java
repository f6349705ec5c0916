//SOURCES AthleteMatch.java
//SOURCES ColumnMeanings.java
//SOURCES EditDistance.java
//SOURCES ErrorSpot.java
//SOURCES QueryLibrary.java
//SOURCES QueryParameters.java
//SOURCES ParameterValue.java
//SOURCES PostgresCursor.java
//SOURCES PostgresSqlErrors.java
//SOURCES QueryRunner.java
//SOURCES SavedQueries.java
//SOURCES SavedQuery.java
//SOURCES SqlErrors.java
//SOURCES SqlStatements.java
//SOURCES SqlSyntax.java
//SOURCES StoreTables.java
//SOURCES TableDescription.java
//SOURCES UnknownColumn.java
//SOURCES ../base/package-info.java
//SOURCES ../output/package-info.java
//SOURCES ../store/package-info.java
//FILES sql/queries/assessments.sql=../../sql/queries/assessments.sql
//FILES sql/queries/athlete-calendar.sql=../../sql/queries/athlete-calendar.sql
//FILES sql/queries/exercise-mix.sql=../../sql/queries/exercise-mix.sql
//FILES sql/queries/ik-samples.sql=../../sql/queries/ik-samples.sql
//FILES sql/queries/joint-angles.sql=../../sql/queries/joint-angles.sql
//FILES sql/queries/inactive-athletes.sql=../../sql/queries/inactive-athletes.sql
//FILES sql/queries/metric-asymmetry.sql=../../sql/queries/metric-asymmetry.sql
//FILES sql/queries/metric-trend.sql=../../sql/queries/metric-trend.sql
//FILES sql/queries/not-assessed-since.sql=../../sql/queries/not-assessed-since.sql
//FILES sql/queries/score-drops.sql=../../sql/queries/score-drops.sql
//FILES sql/queries/session-extremes.sql=../../sql/queries/session-extremes.sql
//FILES sql/queries/sessions-per-week.sql=../../sql/queries/sessions-per-week.sql
//FILES sql/queries/sync-status.sql=../../sql/queries/sync-status.sql

/**
 * Running analysts' SQL: splitting statements, binding parameters, saved queries and their headers,
 * the store's table listing, and errors explained in plain words (with a caret under the mistake).
 */
package valor.query;
