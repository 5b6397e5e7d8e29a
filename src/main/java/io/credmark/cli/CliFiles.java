package io.credmark.cli;

import io.credmark.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/** File input and output for commands: bounded reads, and writes that never leave a half-written file. */
public final class CliFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CliFiles() {
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static byte[] read(Path file, long maxBytes) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InvalidInputException(InvalidInputException.Kind.TOO_LARGE,
                        file + " is " + size + " bytes; the limit is " + maxBytes);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Writes next to the target, then moves it into place. The file gets the permissions a plain write would give
     * it: those of the file it replaces, else the process's umask applied to rw-rw-rw- (an output image is meant to
     * be served or shared; a web server reading it must not be denied).
     */
    static void writeAtomically(Path target, Writer writer) {
        write(target, writer, false);
    }

    /** As {@link #writeAtomically}, but readable by the owner only, whatever the umask: for files with secrets. */
    static void writeOwnerOnly(Path target, Writer writer) {
        write(target, writer, true);
    }

    private static void write(Path target, Writer writer, boolean ownerOnly) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = ownerOnly ? Files.createTempFile(dir, ".credmark-", ".tmp") : createPlainTemp(dir);
            if (!ownerOnly && Files.exists(target) && supportsPosix(target)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write " + target + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do: the target is either complete or untouched
                }
            }
        }
    }

    /**
     * A new empty file beside the target, created without explicit permissions so that the umask decides, as for
     * any other file the user writes ({@link Files#createTempFile} would make it rw------- ).
     */
    private static Path createPlainTemp(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = dir.resolve(".credmark-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static boolean supportsPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
