//SOURCES DemoOrganisation.java
//SOURCES FakeCatalog.java
//SOURCES FakeCognito.java
//SOURCES FakeFaults.java
//SOURCES FakeGenerator.java
//SOURCES FakeHeaderEcho.java
//SOURCES FakeIds.java
//SOURCES FakeJsonBytes.java
//SOURCES FakeOrganisation.java
//SOURCES FakePagedEndpoint.java
//SOURCES FakeSessionData.java
//SOURCES FakeSessionDataEndpoint.java
//SOURCES FakeShape.java
//SOURCES FakeValorApi.java
//SOURCES MockCognito.java
//SOURCES ScanInserts.java
//SOURCES ../auth/package-info.java
//SOURCES ../base/package-info.java
//SOURCES ../cli/package-info.java

/**
 * The fake Valor API and Cognito: a generated organisation served on a loopback port with the real
 * API's protocol, quirks and injected faults. Product code reaches this package only through
 * {@link valor.fake.DemoOrganisation} (--demo) and valor-mock; tests and benchmarks use the rest.
 */
package valor.fake;
