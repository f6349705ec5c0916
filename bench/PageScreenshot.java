///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//DESCRIPTION A whole HTML page (valor-report's, valor-chart's) as a PNG, drawn by headless Chromium as a coach's browser draws it:
//DESCRIPTION the window sized to the page's full height, its charts given time to finish. Makes the pictures in docs/.
//DESCRIPTION Usage: ./jbang bench/PageScreenshot.java PAGE.html OUT.png [WIDTH]   (width in pixels, default 1280)
//DESCRIPTION Example: ./jbang bench/PageScreenshot.java /tmp/report-example.html docs/report-example.png
//SOURCES ../tests/support/WebDriverClient.java
//SOURCES ../lib/base/package-info.java
package valor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Prints the PNG's size and how long the page took; exit 2 on a usage error, 1 if the browser fails. */
public final class PageScreenshot {
    /** ECharts animates a chart in for about a second after it is drawn or resized. */
    private static final long SETTLE_MS = 2000;

    private PageScreenshot() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("PageScreenshot: give PAGE.html OUT.png [WIDTH], PAGE.html an existing file");
            System.exit(2);
        }
        Path page = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        int width = args.length == 3 ? Integer.parseInt(args[2]) : 1280;
        Path work = Files.createTempDirectory("page-screenshot-");
        long started = System.nanoTime();
        try (WebDriverClient browser = WebDriverClient.start(work)) {
            browser.windowSize(width, 900);
            browser.open(page.toUri().toString());
            Thread.sleep(SETTLE_MS);
            // The window is taller than the page's viewport by the browser's own frame: grow it until the whole page is in view.
            int height = 900;
            for (int tries = 0; tries < 4; tries++) {
                int missing = browser.script("return Math.ceil(document.documentElement.scrollHeight) - window.innerHeight;").asInt();
                if (missing <= 0) break;
                height += missing;
                browser.windowSize(width, height);
                Thread.sleep(SETTLE_MS);
            }
            height = browser.script("return window.innerHeight;").asInt();
            Files.write(out, browser.screenshot());
            System.out.printf("%s: %d x %d pixels, %.1f s%n", out, width, height, (System.nanoTime() - started) / 1e9);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
