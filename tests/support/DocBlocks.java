package valor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fenced blocks of README.md and docs/*.md, in reading order (the README first, then the pages
 * by name), each with its page, first line and language: what DocCommandsTest runs and
 * GeneratedDocsTest rewrites around.
 */
final class DocBlocks {
    /** The languages whose blocks are commands: scripts run as written, and transcripts ({@code $ command} then its output). */
    static final List<String> SCRIPTS = List.of("sh", "bash");
    static final String TRANSCRIPT = "console";

    record Block(String page, int line, String language, String text) {
        /** Where the block is, as a reader finds it: {@code docs/syncing.md:12}. */
        String where() {
            return page + ":" + line;
        }

        String firstLine() {
            return text.lines().findFirst().orElse("");
        }
    }

    private DocBlocks() {}

    /** README.md and every page of docs/, as paths relative to the checkout. */
    static List<String> pages(Path checkout) {
        List<String> pages = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> docs = Files.list(checkout.resolve("docs"))) {
            docs.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /** Every fenced block of every page, in order. */
    static List<Block> all(Path checkout) {
        List<Block> blocks = new ArrayList<>();
        for (String page : pages(checkout)) blocks.addAll(of(page, read(checkout.resolve(page))));
        return blocks;
    }

    /** The fenced blocks of one page's text: a line of three backticks and a language opens one, a line of three backticks closes it. */
    static List<Block> of(String page, String markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String open = lines.get(i);
            if (!open.startsWith("```")) continue;
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).equals("```")) close++;
            if (close == lines.size()) throw new AssertionError(page + ":" + (i + 1) + ": a block that never closes");
            blocks.add(new Block(page, i + 2, open.substring(3).strip(), String.join("\n", lines.subList(i + 1, close)) + "\n"));
            i = close;
        }
        return blocks;
    }

    static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
