//SOURCES ApiClient.java
//SOURCES ApiPace.java
//SOURCES ApiPage.java
//SOURCES ApiRecords.java
//SOURCES ApiStatusException.java
//SOURCES ApiUrl.java
//SOURCES Credentials.java
//SOURCES JsonStrings.java
//SOURCES Pager.java
//SOURCES RetryPolicy.java
//SOURCES TolerantRecord.java
//SOURCES TolerantValues.java
//SOURCES ../base/package-info.java

/**
 * The Valor REST API client: requests with retries and backoff, the paging protocol and its quirks
 * (JSON-encoded continuation tokens, string bodies, every form of "no more pages"), and tolerant
 * reading of records whose field names and formats are not published.
 */
package valor.api;
