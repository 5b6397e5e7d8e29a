package io.credmark.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A request body received whole before its request is admitted to work: up to {@value #IN_MEMORY} bytes in
 * memory, a larger one in an owner-only temporary file that {@link #close()} removes. Receiving first means a slow
 * sender holds only a thread and a little memory, never one of the places that bound the work done at once.
 */
final class SpooledBody implements AutoCloseable {

    static final int IN_MEMORY = 256 * 1024;

    /** The body when it is small, else null. */
    private final byte[] head;
    /** The whole body when it is large, else null. */
    private final Path file;
    private final long length;

    private SpooledBody(byte[] head, Path file, long length) {
        this.head = head;
        this.file = file;
        this.length = length;
    }

    /**
     * @param limit the most accepted; more is refused with 413
     */
    static SpooledBody receive(InputStream in, long limit, Path directory) throws IOException {
        byte[] head = in.readNBytes((int) Math.min(IN_MEMORY + 1L, limit + 1));
        if (head.length > limit) {
            throw RequestBodies.tooLarge("the request body is larger than " + limit + " bytes", limit)
                    .header("Connection", "close");
        }
        if (head.length <= IN_MEMORY) {
            return new SpooledBody(head, null, head.length);
        }
        Path file = Files.createTempFile(directory, "credmark-body-", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        long length = head.length;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                length += n;
                if (length > limit) {
                    throw RequestBodies.tooLarge("the request body is larger than " + limit + " bytes", limit)
                            .header("Connection", "close");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new SpooledBody(null, file, length);
    }

    long length() {
        return length;
    }

    InputStream open() throws IOException {
        return file == null ? new ByteArrayInputStream(head) : Files.newInputStream(file);
    }

    /** The file the body is in, when it is large. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the temporary directory is cleaned by the system in the end
            }
        }
    }
}
