package io.credmark.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code pki/} directory of a data directory: whole-file writes that are atomic and, for private keys,
 * owner-only from the moment the file exists, under a lock that works across processes.
 */
final class PkiDirectory {

    static final String LOCK_FILE = ".lock";

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    // A FileLock belongs to the whole JVM: a second lock() on the same file from this process throws
    // OverlappingFileLockException instead of waiting. Threads of one process therefore queue here first.
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path directory;
    private final boolean posix;

    private PkiDirectory(Path directory, boolean posix) {
        this.directory = directory;
        this.posix = posix;
    }

    static PkiDirectory open(Path dataDir) {
        Path directory = dataDir.resolve("pki");
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            Files.createDirectories(dataDir);
            if (!Files.isDirectory(directory)) {
                try {
                    if (posix) {
                        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                    } else {
                        Files.createDirectory(directory);
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first
                }
            }
            return new PkiDirectory(directory.toRealPath(), posix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the PKI directory " + directory, e);
        }
    }

    Path path() {
        return directory;
    }

    /** Runs {@code action} while holding both the in-process and the {@code .lock} file lock. */
    <T> T locked(IoSupplier<T> action) {
        ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(directory, key -> new ReentrantLock());
        inProcess.lock();
        try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                return action.get();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the PKI directory " + directory, e);
        } finally {
            inProcess.unlock();
        }
    }

    boolean exists(String name) {
        return Files.exists(directory.resolve(name));
    }

    String read(String name) {
        try {
            return Files.readString(directory.resolve(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.resolve(name), e);
        }
    }

    /** Writes a private key: the file is created rw------- before any byte is written. */
    void writeSecret(String name, String text) throws IOException {
        write(name, text, OWNER_ONLY);
    }

    /** Writes a certificate, readable by everyone. */
    void writePublic(String name, String text) throws IOException {
        write(name, text, WORLD_READABLE);
    }

    // Written to a temporary file that is then renamed over the target, so readers never see a partial file.
    private void write(String name, String text, Set<PosixFilePermission> permissions) throws IOException {
        Path temporary = posix
                ? Files.createTempFile(directory, "." + name + ".", ".tmp", ownerOnly())
                : Files.createTempFile(directory, "." + name + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (posix && !permissions.equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(temporary, permissions);
            }
            try {
                Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }

    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException;
    }
}
