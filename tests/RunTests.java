///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//DESCRIPTION Runs the whole test suite (JUnit 5) and ends with a line "N passed, N failed, N skipped".
//DESCRIPTION Usage: ./jbang tests/RunTests.java [name-filter ...]   e.g. ./jbang tests/RunTests.java Pager
//DEPS org.junit.jupiter:junit-jupiter:5.14.1
//DEPS org.junit.platform:junit-platform-launcher:1.14.1
// The tests read CSV with Commons CSV; the product writes its own (lib/output/DelimitedWriter.java)
//DEPS org.apache.commons:commons-csv:1.14.1
//SOURCES ../lib/ChartCommand.java
//SOURCES ../lib/ConsoleCommand.java
//SOURCES ../lib/ExportCommand.java
//SOURCES ../lib/LoginCommand.java
//SOURCES ../lib/MockCommand.java
//SOURCES ../lib/ReportCommand.java
//SOURCES ../lib/ShellCommand.java
//SOURCES ../lib/SqlCommand.java
//SOURCES ../lib/SyncCommand.java
//SOURCES AnalystViewsTest.java
//SOURCES ApiPageTest.java
//SOURCES ApiRedirectTest.java
//SOURCES CatalogAliasTest.java
//SOURCES ChartTest.java
//SOURCES CognitoCredentialsTest.java
//SOURCES CommentOperandTest.java
//SOURCES ConsoleAccessTest.java
//SOURCES ConsoleBrowserTest.java
//SOURCES DelimitedWriterTest.java
//SOURCES DemoPicturesTest.java
//SOURCES DescribeTest.java
//SOURCES DocCommandsTest.java
//SOURCES EngineParityTest.java
//SOURCES ExactSyncTest.java
//SOURCES ExportOwnFilesTest.java
//SOURCES ExportTest.java
//SOURCES IkExportTest.java
//SOURCES FirstRunsTogetherTest.java
//SOURCES FakeCognitoTest.java
//SOURCES FakeFaultsTest.java
//SOURCES FakeMockCommandTest.java
//SOURCES FakeOrganisationTest.java
//SOURCES FakeSessionDataTest.java
//SOURCES FakeValorApiTest.java
//SOURCES FirstHourTest.java
//SOURCES GeneratedDocsTest.java
//SOURCES HostileHtmlTest.java
//SOURCES IkCodecTest.java
//SOURCES JBangWrapperTest.java
//SOURCES InputCheckingTest.java
//SOURCES JsonTest.java
//SOURCES KillResumeTest.java
//SOURCES LauncherInstallTest.java
//SOURCES LoginCommandTest.java
//SOURCES LoginTerminalTest.java
//SOURCES MockCognitoTest.java
//SOURCES PagerTest.java
//SOURCES PromptExitTest.java
//SOURCES ParallelSyncTest.java
//SOURCES PostgresServerTest.java
//SOURCES PublishedCatalogTest.java
//SOURCES ReadDuringSyncTest.java
//SOURCES ReadersLeaveTheStoreTest.java
//SOURCES ReportFileNamesTest.java
//SOURCES ReportTest.java
//SOURCES RequiredParametersTest.java
//SOURCES SavedQueriesTest.java
//SOURCES ScheduledSyncTest.java
//SOURCES SecretsLeakTest.java
//SOURCES SessionDataCommandTest.java
//SOURCES SessionDataKillResumeTest.java
//SOURCES SessionDataParsingTest.java
//SOURCES SessionDataQueriesTest.java
//SOURCES SessionDataSyncTest.java
//SOURCES ShellTest.java
//SOURCES SourceListsTest.java
//SOURCES SqlCommandTest.java
//SOURCES SqlErrorsTest.java
//SOURCES StoreAccessTest.java
//SOURCES StoreCompactionTest.java
//SOURCES SummaryTablesTest.java
//SOURCES SyncCommandTest.java
//SOURCES SyncFaultsTest.java
//SOURCES SyncInterruptTest.java
//SOURCES SyncShapesTest.java
//SOURCES SyncSignInTest.java
//SOURCES SyncTest.java
//SOURCES SyncTokenOptionsTest.java
//SOURCES TerminalEscapesTest.java
//SOURCES TeamStoreAccessTest.java
//SOURCES TeamStoreCommandsTest.java
//SOURCES TokenCacheTest.java
//SOURCES TolerantParsingTest.java
//SOURCES UserQueriesTest.java
//SOURCES support/AnalystStore.java
//SOURCES support/AttackerDatabase.java
//SOURCES support/ConsoleProcess.java
//SOURCES support/DocBlocks.java
//SOURCES support/FakePayloads.java
//SOURCES support/HostileStore.java
//SOURCES support/IkSamplesProbe.java
//SOURCES support/JavaProcess.java
//SOURCES support/ListeningSockets.java
//SOURCES support/LoginFixture.java
//SOURCES support/OnBothEngines.java
//SOURCES support/PlaintextPostgres.java
//SOURCES support/PostgresServer.java
//SOURCES support/PublishedToolkit.java
//SOURCES support/SavedQueryFile.java
//SOURCES support/SourceLists.java
//SOURCES support/StaticFileServer.java
//SOURCES support/SyncFixture.java
//SOURCES support/TestDb.java
//SOURCES support/TestIo.java
//SOURCES support/TestStore.java
//SOURCES support/WebDriverClient.java

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The suite's launcher: JBang builds lib/ and tests/ into one jar, and this runs every test in it. */
public class RunTests {
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(RunTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String patterns = args.length == 0 ? ".*Test"
                : Stream.of(args).map(name -> ".*" + name + ".*").collect(Collectors.joining("|"));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(jar)))
                .filters(includeClassNamePatterns(patterns))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary, new ProgressListener());
        TestExecutionSummary result = summary.getSummary();
        result.printFailuresTo(new java.io.PrintWriter(System.out, true), 6);
        System.out.printf("%d passed, %d failed, %d skipped%n", result.getTestsSucceededCount(),
                result.getTestsFailedCount() + result.getContainersFailedCount(),
                result.getTestsSkippedCount() + result.getTestsAbortedCount());
        System.exit(result.getTestsFailedCount() + result.getContainersFailedCount() == 0 ? 0 : 1);
    }

    /** One line per finished test, so a long run shows where it is. */
    private static final class ProgressListener implements TestExecutionListener {
        private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void executionStarted(TestIdentifier test) {
            started.put(test.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) return;
            long ms = (System.nanoTime() - started.getOrDefault(test.getUniqueId(), System.nanoTime())) / 1_000_000;
            String where = test.getLegacyReportingName();
            String parent = test.getParentIdObject().map(ProgressListener::testClass).orElse("");
            System.out.printf("%-7s %s > %s (%d ms)%n", result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "ok" : result.getStatus().toString(), parent, where, ms);
        }

        /** The simple name of the innermost class in an id (a parameterized test's parent is its method, not its class). */
        private static String testClass(org.junit.platform.engine.UniqueId id) {
            String name = "";
            for (var segment : id.getSegments()) {
                if (segment.getType().endsWith("class")) name = segment.getValue();
            }
            return name.substring(name.lastIndexOf('.') + 1);
        }
    }
}
