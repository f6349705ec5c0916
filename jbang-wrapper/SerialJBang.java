import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Runs JBang's own main holding a lock on {@code $JBANG_DIR/.wrapper.lock}, so commands started
 * together through ./jbang work out their command lines, and build what is not cached yet, one at a
 * time: JBang 0.132.1 builds an uncached script in a folder every process shares, with no lock of its
 * own (jbangdev/jbang#2445), and two first runs at once break each other's jar. The lock is held only
 * while JBang decides what to run (about a second once built), never while the command itself runs:
 * dev.jbang.Main prints the command line and ends the JVM with System.exit, which releases it.
 */
public final class SerialJBang {
    public static void main(String[] args) throws Exception {
        Path jbangDir = Path.of(System.getProperty("serial.jbang.dir"));
        Files.createDirectories(jbangDir);
        FileChannel lock = FileChannel.open(jbangDir.resolve(".wrapper.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock.lock();
        dev.jbang.Main.main(args);
    }
}
