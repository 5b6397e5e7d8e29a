package io.credmark.container.jpeg;

import io.credmark.container.ByteRange;
import io.credmark.container.ContainerSkeleton;
import io.credmark.container.ImageFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The skeleton of a JPEG ({@link ContainerSkeleton}): its marker segments from SOI through the first scan header,
 * then EOI in place of everything from the first scan's data to the end of the file. That is what
 * {@link JpegSegmentReader} reads of a file that ends with EOI, so the skeleton and the whole file read alike; a file
 * that does not end with EOI has none.
 */
public final class JpegSkeleton {

    private static final byte[] EOI = {(byte) 0xFF, (byte) JpegSegment.EOI};

    private JpegSkeleton() {
    }

    public static Optional<ContainerSkeleton> read(FileChannel channel, Path path) throws IOException {
        long size = channel.size();
        if (size < 4 || !Arrays.equals(readFully(channel, size - 2, 2), EOI)) {
            return Optional.empty();
        }
        // the segments before the first scan, read in growing windows until the scan header is whole
        int window = 64 * 1024;
        while (true) {
            int length = (int) Math.min(size, window);
            byte[] head = readFully(channel, 0, length);
            Optional<Integer> scanData = scanDataOffset(head);
            if (scanData.isPresent()) {
                int at = scanData.get();
                byte[] skeleton = Arrays.copyOf(head, at + 2);
                skeleton[at] = EOI[0];
                skeleton[at + 1] = EOI[1];
                return Optional.of(new ContainerSkeleton(ImageFormat.JPEG, skeleton, new ByteRange(at, 2), path,
                        new ByteRange(at, size - at), size));
            }
            if (length == size || window >= ContainerSkeleton.MAX_SKELETON_BYTES) {
                throw JpegSegmentReader.malformed("not a valid JPEG: no scan (SOS) in its first " + length
                        + " bytes");
            }
            window = (int) Math.min((long) window * 4, ContainerSkeleton.MAX_SKELETON_BYTES);
        }
    }

    /** The placeholder of a skeleton: its closing EOI. */
    public static ByteRange placeholderIn(byte[] skeleton) {
        int n = skeleton.length;
        if (n < 4 || (skeleton[n - 2] & 0xFF) != 0xFF || (skeleton[n - 1] & 0xFF) != JpegSegment.EOI) {
            throw new IllegalStateException("a JPEG skeleton ends with EOI");
        }
        return new ByteRange(n - 2, 2);
    }

    /**
     * Where the first scan's entropy-coded data begins in {@code head}, if its scan header is whole there. The
     * segments on the way are checked as {@link JpegSegmentReader} checks them when it reads the skeleton.
     */
    private static Optional<Integer> scanDataOffset(byte[] head) {
        int pos = 2;
        int segments = 0;
        while (pos + 4 <= head.length) {
            if ((head[pos] & 0xFF) != 0xFF) {
                throw JpegSegmentReader.malformed("not a valid JPEG: expected a marker at byte " + pos);
            }
            int markerAt = pos;
            while (pos < head.length && (head[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos + 3 > head.length) {
                return Optional.empty();
            }
            int marker = head[pos++] & 0xFF;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (marker == JpegSegment.EOI || marker == JpegSegment.SOI || marker == 0x00) {
                throw JpegSegmentReader.malformed("not a valid JPEG: unexpected marker FF"
                        + JpegSegmentReader.hex(marker) + " at byte " + markerAt + " before the first scan");
            }
            if (++segments > JpegSegmentReader.MAX_SEGMENTS) {
                throw JpegSegmentReader.tooManySegments(markerAt);
            }
            int lp = ((head[pos] & 0xFF) << 8) | (head[pos + 1] & 0xFF);
            if (lp < 2) {
                throw JpegSegmentReader.malformed("not a valid JPEG: segment FF" + JpegSegmentReader.hex(marker)
                        + " at byte " + markerAt + " declares a length of " + lp);
            }
            pos += lp;
            if (marker == JpegSegment.SOS) {
                return pos <= head.length ? Optional.of(pos) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static byte[] readFully(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw JpegSegmentReader.malformed("truncated JPEG: the file ends at byte " + (at + b.position()));
            }
        }
        return b.array();
    }
}
