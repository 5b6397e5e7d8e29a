package io.credmark.container;

import io.credmark.InvalidInputException;
import io.credmark.container.jpeg.JpegSkeleton;
import io.credmark.container.png.PngSkeleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A large image file as a metadata-only stamp needs it: every byte of its container structure and metadata in
 * memory, as a valid image of the same format ({@link #bytes()}), with its bulk image data (the run of PNG IDAT
 * chunks, the JPEG entropy-coded data from the first scan on) left in the file and stood for by a small placeholder
 * (an empty IDAT chunk, an EOI marker). Metadata is read and rewritten on the skeleton as on a whole file; the hard
 * binding is hashed, and the output written, with the placeholder expanded back into the file's bytes
 * ({@link EmbeddingPlan#expanding}), so that a stamp holds the metadata in memory, never the pixels' bytes.
 *
 * @param bytes       the skeleton: a valid PNG or JPEG of the file's structure
 * @param placeholder where the placeholder lies in {@code bytes}
 * @param file        the file
 * @param elided      the bytes of the file the placeholder stands for
 * @param fileLength  the file's length
 */
public record ContainerSkeleton(ImageFormat format, byte[] bytes, ByteRange placeholder, Path file, ByteRange elided,
        long fileLength) {

    /**
     * The most metadata a skeleton holds: the file's bytes outside its image data. Metadata is kilobytes, a C2PA
     * store with thumbnails a few megabytes.
     */
    public static final int MAX_SKELETON_BYTES = 64 << 20;

    /**
     * Reads the structure of {@code file} without reading its image data into memory, or nothing when the file's
     * layout does not allow it (a JPEG with bytes after its EOI and metadata between its scans): then it is read
     * whole.
     *
     * @throws InvalidInputException when the file is not a PNG or JPEG, or its structure is damaged
     */
    public static Optional<ContainerSkeleton> read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer lead = ByteBuffer.allocate(8);
            channel.read(lead, 0);
            byte[] head = java.util.Arrays.copyOf(lead.array(), lead.position());
            if (head.length == 0) {
                throw new InvalidInputException(InvalidInputException.Kind.UNSUPPORTED_FORMAT, "the file is empty");
            }
            ImageFormat format = ImageFormat.detect(head).orElseThrow(() -> new InvalidInputException(
                    InvalidInputException.Kind.UNSUPPORTED_FORMAT,
                    "not a PNG or JPEG image (unrecognised leading bytes)"));
            return switch (format) {
                case PNG -> Optional.of(PngSkeleton.read(channel, file));
                case JPEG -> JpegSkeleton.read(channel, file);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code carrier}, a store as found in {@link #bytes()}, where it lies in the file: carriers past the placeholder
     * lie further on by the bytes the placeholder stands for.
     */
    public ManifestStoreCarrier inFile(ManifestStoreCarrier carrier) {
        return new ManifestStoreCarrier(carrier.jumbf(), carrier.ranges().stream().map(this::inFile).toList());
    }

    private ByteRange inFile(ByteRange r) {
        if (r.end() <= placeholder.start()) {
            return r;
        }
        if (r.start() >= placeholder.end()) {
            return new ByteRange(r.start() - placeholder.end() + elided.end(), r.length());
        }
        throw new IllegalStateException("a store's carrier overlaps the skeleton's placeholder");
    }

    /**
     * The file's bytes, read range by range as a hash needs them.
     *
     * @throws UncheckedIOException when the file cannot be read, or changed since its skeleton was read
     */
    public AssetBytes fileBytes() {
        return new AssetBytes() {
            @Override
            public long length() {
                return fileLength;
            }

            @Override
            public void digest(MessageDigest digest, long start, long length) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    if (channel.size() != fileLength) {
                        throw new IOException(file + " changed while it was being read");
                    }
                    ByteBuffer b = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, length)));
                    for (long at = start, end = start + length; at < end; ) {
                        b.clear().limit((int) Math.min(b.capacity(), end - at));
                        int n = channel.read(b, at);
                        if (n <= 0) {
                            throw new IOException(file + " ended early while it was being read");
                        }
                        b.flip();
                        digest.update(b);
                        at += n;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * The placeholder in {@code rewritten}, the skeleton after its metadata was rewritten: rewriting keeps the
     * image data, and so the placeholder, byte for byte.
     */
    public ByteRange placeholderIn(byte[] rewritten) {
        return switch (format) {
            case PNG -> PngSkeleton.placeholderIn(rewritten);
            case JPEG -> JpegSkeleton.placeholderIn(rewritten);
        };
    }
}
