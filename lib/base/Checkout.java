package valor.base;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The toolkit's checkout, when a command runs inside one (JBang runs commands in the caller's
 * folder). A user of a published catalog has none: what works there is {@code jbang valor-x@org}.
 */
public final class Checkout {
    private Checkout() {}

    public static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("jbang-catalog.json")) && Files.exists(dir.resolve("lib/SqlCommand.java"))
                    && Files.exists(dir.resolve("jbang"))) return Optional.of(dir);
        }
        return Optional.empty();
    }
}
