package io.credmark.http;

import io.credmark.container.ContainerSkeleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An uploaded image: in memory, or, from {@code limits.stream-from-bytes} on, in a temporary file of the request
 * (removed when the request ends, see {@link RequestBodies#temporaryFile}). A file is read as its skeleton by the
 * work that needs no pixel, and read whole only by work that does, within {@code limits.max-bytes}.
 */
final class UploadedImage {

    private final byte[] bytes;
    private final Path file;
    private final long length;

    private UploadedImage(byte[] bytes, Path file, long length) {
        this.bytes = bytes;
        this.file = file;
        this.length = length;
    }

    static UploadedImage inMemory(byte[] bytes) {
        return new UploadedImage(bytes, null, bytes.length);
    }

    static UploadedImage inFile(Path file, long length) {
        return new UploadedImage(null, file, length);
    }

    boolean isFile() {
        return file != null;
    }

    long length() {
        return length;
    }

    /**
     * The file's skeleton, when the image is in a file whose layout allows one.
     *
     * @throws io.credmark.InvalidInputException when the file is not a PNG or JPEG, or its structure is damaged
     */
    Optional<ContainerSkeleton> skeleton() {
        return file == null ? Optional.empty() : ContainerSkeleton.read(file);
    }

    /**
     * The whole image in memory.
     *
     * @param limit the most read into memory ({@code limits.max-bytes}); a larger file is refused with 413
     * @param why   what needs the whole image, for the refusal
     */
    byte[] bytes(long limit, String why) {
        if (length > limit) {
            throw RequestBodies.tooLarge("the image is " + length + " bytes; " + why + " reads it whole, which is"
                    + " done for images of up to " + limit + " bytes (limits.max-bytes)", limit);
        }
        if (bytes != null) {
            return bytes;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
