package io.credmark.cli;

import io.credmark.InvalidInputException;
import io.credmark.app.Settings;
import io.credmark.container.ContainerSkeleton;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Optional;

/** File input and output for commands: bounded reads, and writes that never leave a half-written file. */
public final class CliFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The default of {@code limits.max-file-bytes}: local files may be far larger than uploads (an 8K upscale is
     * 100 MB as PNG); the pixels they may decode are bounded separately, by the pixel limit and budget.
     */
    static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;

    private CliFiles() {
    }

    /**
     * The settings an image command runs with: the file limit ({@code limits.max-file-bytes}) stands for the
     * upload limit, as the file is the upload.
     */
    static Settings forLocalFiles(Settings settings) {
        long max = settings.number("limits.max-file-bytes", DEFAULT_MAX_FILE_BYTES);
        if (max <= 0 || max > Integer.MAX_VALUE - 8) {
            throw new UsageException("limits.max-file-bytes must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
        return settings.with("limits.max-bytes", Long.toString(max));
    }

    /** The largest image file the settings let a command read. */
    static long maxFileBytes(Settings settings) {
        return settings.number("limits.max-bytes", DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * The file's skeleton when it has {@code limits.stream-from-bytes} or more and its layout allows one: then work
     * that needs no pixel reads its image data from the file, never into memory.
     *
     * @throws InvalidInputException over the file limit, or when the file is not a PNG or JPEG or is damaged
     */
    static Optional<ContainerSkeleton> skeleton(Path file, Settings settings) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        if (size < settings.streamFromBytes()) {
            return Optional.empty();
        }
        long max = maxFileBytes(settings);
        if (size > max) {
            throw new InvalidInputException(InvalidInputException.Kind.TOO_LARGE,
                    file + " is " + size + " bytes; the limit is " + max);
        }
        return ContainerSkeleton.read(file);
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
