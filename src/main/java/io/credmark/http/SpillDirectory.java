package io.credmark.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's own directory in {@code tmp.dir}, where it receives large uploads and writes large stamped files.
 * Several nodes may share one data directory, so no node may empty {@code tmp.dir} when it starts. Instead each
 * holds an exclusive lock on a file in its own directory while it runs; the operating system releases the lock when
 * the process ends, however it ends. A directory whose lock can be taken therefore belongs to no running process,
 * and a starting node removes it with whatever a crash left in it.
 */
final class SpillDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpillDirectory.class);

    /** The directories of running (or dead) processes. */
    static final String PREFIX = "credmark-node-";
    /** A directory being made: it gets its final name only once locked, so no other node takes it for a dead one. */
    private static final String UNLOCKED_PREFIX = ".credmark-new-";
    static final String LOCK_FILE = ".lock";
    /**
     * How old what is not in a locked directory must be before it is removed: files that earlier versions received
     * into {@code tmp.dir} itself (theirs and Jetty's multipart files), and directories a crash left half made or half
     * removed. No request lasts this long.
     */
    static final Duration LEFT_OVER_AGE = Duration.ofHours(6);
    /**
     * The directories this process holds. Their lock files are never opened again here: on POSIX systems closing any
     * channel to a file releases every lock the process holds on it (see {@link FileLock}).
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lockChannel;

    private SpillDirectory(Path path, FileChannel lockChannel) {
        this.path = path;
        this.lockChannel = lockChannel;
    }

    /**
     * Removes what dead processes left in {@code parent} and makes this process's directory in it, locked until
     * {@link #close()}.
     *
     * @param parent {@code tmp.dir}; made, owner-only, if it does not exist. It may be shared with other programs:
     *               only names credmark makes are ever removed
     */
    static SpillDirectory open(Path parent) {
        FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        try {
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent, ownerOnly);
            }
            removeLeftOvers(parent);
            Path unlocked = Files.createTempDirectory(parent, UNLOCKED_PREFIX, ownerOnly);
            Path path = parent.resolve(PREFIX + unlocked.getFileName().toString().substring(UNLOCKED_PREFIX.length()))
                    .toAbsolutePath();
            FileChannel channel = FileChannel.open(unlocked.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            HELD.add(path);
            try {
                channel.lock();
                Files.move(unlocked, path, StandardCopyOption.ATOMIC_MOVE);
                return new SpillDirectory(path, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                HELD.remove(path);
                deleteTree(unlocked);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the temporary directory in " + parent, e);
        }
    }

    Path path() {
        return path;
    }

    /** Removes the directory with all in it, and releases its lock. */
    @Override
    public void close() {
        try {
            deleteTree(path);
        } catch (IOException e) {
            LOG.warn("the temporary directory {} could not be removed; the next start removes it", path, e);
        } finally {
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // the lock goes with the process in any case
            }
            HELD.remove(path);
        }
    }

    private static void removeLeftOvers(Path parent) throws IOException {
        Instant leftOverBefore = Instant.now().minus(LEFT_OVER_AGE);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                try {
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    boolean old = attributes.lastModifiedTime().toInstant().isBefore(leftOverBefore);
                    if (attributes.isDirectory() && name.startsWith(PREFIX)) {
                        removeIfUnowned(entry, old);
                    } else if (old && (attributes.isDirectory() && name.startsWith(UNLOCKED_PREFIX)
                            || attributes.isRegularFile() && (name.startsWith("credmark-")
                                    || name.startsWith("MultiPart")))) {
                        deleteTree(entry);
                        LOG.info("removed {}, left in the temporary directory before {}", entry, leftOverBefore);
                    }
                } catch (IOException e) {
                    // another node removes it at the same time, or it is not ours to remove
                    LOG.debug("left {} in the temporary directory", entry, e);
                }
            }
        }
    }

    /**
     * Removes a process's directory when no running process holds its lock.
     *
     * @param old whether it is old enough to remove without a lock file (its removal broke off)
     */
    private static void removeIfUnowned(Path directory, boolean old) throws IOException {
        if (HELD.contains(directory.toAbsolutePath())) {
            return;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            if (old) {
                deleteTree(directory);
            }
            return;
        }
        try (channel) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return; // another node of this process is removing it
            }
            if (lock == null) {
                return; // a running process holds it
            }
            // the lock file goes too, while locked: a node that opened it before finds it released but removed
            deleteTree(directory);
            LOG.info("removed {}, left in the temporary directory by a process that ended", directory);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
