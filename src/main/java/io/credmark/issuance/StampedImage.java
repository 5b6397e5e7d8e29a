package io.credmark.issuance;

import io.credmark.bytes.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A stamped file as issued: in memory, or (a large metadata-only stamp) written to a file its caller owns. */
public sealed interface StampedImage {

    long length();

    /** SHA-256 of the file, hex: what the credential records. */
    String sha256();

    InputStream open() throws IOException;

    default void writeTo(OutputStream out) throws IOException {
        try (InputStream in = open()) {
            in.transferTo(out);
        }
    }

    /** The stamped file in memory. */
    record InMemory(byte[] bytes) implements StampedImage {

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public String sha256() {
            return Sha256.hex(bytes);
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }
    }

    /**
     * The stamped file written to {@code file}, hashed as it was written.
     *
     * @param sha256 SHA-256 of the file, hex
     */
    record InFile(Path file, long length, String sha256) implements StampedImage {

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }
    }
}
