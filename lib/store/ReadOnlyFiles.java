package valor.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:valorro:PATH}) for reading a store without taking H2's lock
 * on the file. H2 opens a read-only database with a shared OS lock on the {@code .mv.db}, which
 * makes a valor-sync that starts meanwhile fail ("database may be already in use"); a reader
 * writes nothing, so the lock protects nothing here. Only ever used with ACCESS_MODE_DATA=r: a
 * writer always goes through H2's own file system, lock and auto-server. (Public, with a public
 * constructor: H2 makes one instance per path by reflection.)
 */
public final class ReadOnlyFiles extends FilePathWrapper {
    static final String SCHEME = "valorro";

    static {
        FilePath.register(new ReadOnlyFiles());
    }

    /** Makes the scheme known to H2; call before opening a {@code valorro:} URL. */
    static void register() {
        // the static initializer did it
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Unlocked(getBase().open(mode));
    }

    /** The file as H2 would have it, except that locking always succeeds without locking anything. */
    private static final class Unlocked extends FileBase {
        private final FileChannel file;

        Unlocked(FileChannel file) {
            this.file = file;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            return new FileLock(this, position, size, shared) {
                @Override
                public boolean isValid() {
                    return true;
                }

                @Override
                public void release() {
                    // nothing was locked
                }
            };
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return file.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long position) throws IOException {
            file.position(position);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
