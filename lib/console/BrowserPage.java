package valor.console;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import valor.base.PrivateFiles;

/**
 * What the browser is given instead of the console's address: a page only the analyst can read
 * (0600, in a 0700 folder) that sends the browser on to the address, as Jupyter does. A program's
 * arguments are visible to every user of the machine (ps) for as long as it runs, and the address
 * carries the console's key; the page's path carries nothing. Deleted when the console stops.
 */
public final class BrowserPage implements AutoCloseable {
    private final Path file;

    private BrowserPage(Path file) {
        this.file = file;
    }

    /** Writes the page for {@code address} (an http://127.0.0.1 URL) into {@code folder}, made private first. */
    public static BrowserPage write(Path folder, String address) throws IOException {
        if (!address.matches("http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_./?=&-]*")) {
            throw new IllegalArgumentException("not a console address: " + address);
        }
        PrivateFiles.createFolder(folder);
        if (PrivateFiles.openToOthers(folder).isPresent()) PrivateFiles.restrict(folder, PrivateFiles.FOLDER);
        Path file = Files.createTempFile(folder, "console-", ".html", PrivateFiles.attributes(PrivateFiles.FILE));
        String href = address.replace("&", "&amp;");
        Files.writeString(file, """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=%1$s"><title>valor-console</title></head>
                <body><p>Opening <a href="%1$s">the Valor console</a>...</p></body></html>
                """.formatted(href));
        return new BrowserPage(file);
    }

    /** The page's file: URI, for the browser's command line. */
    public URI uri() {
        return file.toUri();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
