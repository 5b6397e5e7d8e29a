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
import java.util.Set;

/**
 * The skeleton of a JPEG ({@link ContainerSkeleton}): its marker segments from SOI through the first scan header,
 * then EOI in place of everything from the first scan's data to the end of the file, bytes after the image's EOI
 * included (a motion photo's video, an appended preview). That is what {@link JpegSegmentReader} reads of a file
 * that ends with EOI, so the skeleton and the whole file read alike. A file with bytes after its EOI is walked to
 * its EOI as the reader walks it, and refused as the reader refuses it; the reader then also sees the segments
 * between scans, so a file with any there but the tables and scan headers of its coding has no skeleton.
 */
public final class JpegSkeleton {

    private static final byte[] EOI = {(byte) 0xFF, (byte) JpegSegment.EOI};
    /** Segments between scans that only the coding needs (T.81 §B.2.4, §B.5): DHT, DAC, DNL, DQT, DRI, SOS. */
    private static final Set<Integer> CODING = Set.of(0xC4, 0xCC, 0xDC, 0xDB, 0xDD, JpegSegment.SOS);

    private JpegSkeleton() {
    }

    public static Optional<ContainerSkeleton> read(FileChannel channel, Path path) throws IOException {
        long size = channel.size();
        if (size < 4) {
            return Optional.empty();
        }
        boolean endsWithEoi = Arrays.equals(readFully(channel, size - 2, 2), EOI);
        // the segments before the first scan, read in growing windows until the scan header is whole
        int window = 64 * 1024;
        while (true) {
            int length = (int) Math.min(size, window);
            byte[] head = readFully(channel, 0, length);
            Optional<Head> scan = firstScan(head);
            if (scan.isPresent()) {
                int at = scan.get().scanData();
                if (!endsWithEoi && !onlyCodingBetweenScans(channel, at, size, scan.get().segments())) {
                    return Optional.empty();
                }
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
     * @param scanData where the first scan's entropy-coded data begins
     * @param segments the marker segments up to there, the scan header included
     */
    private record Head(int scanData, int segments) {
    }

    /**
     * The first scan in {@code head}, if its scan header is whole there. The segments on the way are checked as
     * {@link JpegSegmentReader} checks them when it reads the skeleton.
     */
    private static Optional<Head> firstScan(byte[] head) {
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
                return pos <= head.length ? Optional.of(new Head(pos, segments)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Walks a file that does not end with EOI from its first scan's data to its EOI, with the checks and messages of
     * {@link JpegSegmentReader}, streaming the entropy-coded data past: whether every segment between its scans is
     * one of {@link #CODING}. The walk stops at the first other one: the file is then read whole.
     *
     * @param segments the segments before the first scan's data
     */
    private static boolean onlyCodingBetweenScans(FileChannel channel, long scanData, long size, int segments)
            throws IOException {
        Cursor in = new Cursor(channel, scanData);
        boolean entropyCoded = true;
        long dataStart = scanData;
        while (true) {
            long markerAt;
            int marker;
            if (entropyCoded) {
                marker = markerAfterEntropyCodedData(in, dataStart);
                markerAt = in.position() - 2;
            } else {
                markerAt = in.position();
                int b = in.read();
                if (b < 0) {
                    throw JpegSegmentReader.malformed("truncated JPEG: the file ends at byte " + size
                            + " before EOI");
                }
                if (b != 0xFF) {
                    throw JpegSegmentReader.malformed("not a valid JPEG: expected a marker at byte " + markerAt);
                }
                do {
                    marker = in.read();
                } while (marker == 0xFF);
                if (marker < 0) {
                    throw JpegSegmentReader.malformed("truncated JPEG: the file ends inside a marker at byte "
                            + markerAt);
                }
            }
            entropyCoded = false;
            if (marker == JpegSegment.EOI) {
                return true;
            }
            if (marker == JpegSegment.SOI || marker == 0x00) {
                throw JpegSegmentReader.malformed("not a valid JPEG: unexpected marker FF"
                        + JpegSegmentReader.hex(marker) + " at byte " + markerAt);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            long lengthAt = in.position();
            int high = in.read();
            int low = in.read();
            if (low < 0) {
                throw JpegSegmentReader.malformed("truncated JPEG: segment FF" + JpegSegmentReader.hex(marker)
                        + " at byte " + markerAt + " has no length");
            }
            int lp = (high << 8) | low;
            if (lp < 2) {
                throw JpegSegmentReader.malformed("not a valid JPEG: segment FF" + JpegSegmentReader.hex(marker)
                        + " at byte " + markerAt + " declares a length of " + lp);
            }
            if (lp > size - lengthAt) {
                throw JpegSegmentReader.malformed("truncated JPEG: segment FF" + JpegSegmentReader.hex(marker)
                        + " at byte " + markerAt + " declares " + lp + " bytes but only " + (size - lengthAt)
                        + " remain");
            }
            if (segments++ == JpegSegmentReader.MAX_SEGMENTS) {
                throw JpegSegmentReader.tooManySegments(markerAt);
            }
            if (!CODING.contains(marker)) {
                return false;
            }
            in.skip(lp - 2);
            if (marker == JpegSegment.SOS) {
                entropyCoded = true;
                dataStart = in.position();
            }
        }
    }

    /**
     * Reads past entropy-coded data, whose stuffed zeros, restart markers and fill bytes belong to it (T.81
     * §B.1.1.2, §B.1.1.5), to the marker that ends it: its code, the cursor just past it.
     */
    private static int markerAfterEntropyCodedData(Cursor in, long dataStart) throws IOException {
        for (int b = in.read(); b >= 0; ) {
            if (b != 0xFF) {
                b = in.read();
                continue;
            }
            int next = in.read();
            if (next == 0xFF || next < 0) {
                b = next;
            } else if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                b = in.read();
            } else {
                return next;
            }
        }
        throw JpegSegmentReader.malformed("truncated JPEG: the entropy-coded data starting at byte " + dataStart
                + " runs to the end of the file without EOI");
    }

    /** A file read forward a byte at a time, through a buffer. */
    private static final class Cursor {

        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        /** Where in the file the buffer's first byte is. */
        private long bufferAt;

        Cursor(FileChannel channel, long at) {
            this.channel = channel;
            this.bufferAt = at;
            buffer.limit(0);
        }

        long position() {
            return bufferAt + buffer.position();
        }

        /** The next byte, or -1 at the end of the file. */
        int read() throws IOException {
            if (!buffer.hasRemaining()) {
                bufferAt += buffer.limit();
                buffer.clear();
                int n = channel.read(buffer, bufferAt);
                buffer.flip();
                if (n <= 0) {
                    return -1;
                }
            }
            return buffer.get() & 0xFF;
        }

        void skip(long n) {
            long target = position() + n;
            if (target <= bufferAt + buffer.limit()) {
                buffer.position((int) (target - bufferAt));
            } else {
                bufferAt = target;
                buffer.clear().limit(0);
            }
        }
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
