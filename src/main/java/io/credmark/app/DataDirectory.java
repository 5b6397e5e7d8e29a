package io.credmark.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The data directory holds keys and, by default, the database: it is made readable by its owner only, and so are
 * the database's files.
 */
final class DataDirectory {

    private DataDirectory() {
    }

    /** Creates the directory (owner-only, 0700) when it is missing; an existing one is left as its owner set it. */
    static void create(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            boolean posix = dir.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] attrs = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------"))}
                    : new FileAttribute<?>[0];
            Files.createDirectories(dir, attrs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    /** Makes the files whose names start with {@code prefix.} (an H2 database's files) owner-only, 0600. */
    static void restrict(Path dir, String prefix) {
        if (!dir.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + ".*")) {
            for (Path f : files) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the database files in " + dir + " owner-only", e);
        }
    }
}
