package io.credmark.container.jpeg;

import io.credmark.container.ByteRange;

/**
 * One marker segment before or between scans (ITU T.81 §B.1.1.4): {@code FF marker | Lp | payload}.
 *
 * @param offset        where the {@code FF} of the marker is
 * @param payloadLength bytes after the two-byte length field
 */
public record JpegSegment(int marker, long offset, int payloadLength) {

    public static final int SOI = 0xD8;
    public static final int EOI = 0xD9;
    public static final int SOS = 0xDA;
    public static final int APP0 = 0xE0;
    public static final int APP1 = 0xE1;
    public static final int APP11 = 0xEB;

    public long payloadOffset() {
        return offset + 4;
    }

    /** The whole segment: marker, length field and payload. */
    public ByteRange range() {
        return new ByteRange(offset, payloadLength + 4L);
    }

    public boolean isStartOfFrame() {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }
}
