package valor;

import java.nio.file.Path;

final class LauncherInstall {
    private LauncherInstall() {}

    static void install(Path dir, Io io) {
        throw Failure.failed("not yet");
    }
}
