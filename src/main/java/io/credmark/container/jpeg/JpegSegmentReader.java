package io.credmark.container.jpeg;

import io.credmark.InvalidInputException;
import io.credmark.bytes.BigEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a JPEG's marker segments from SOI to the first scan, and on to EOI when the file does not simply end with
 * one, skipping entropy-coded data (stuffed {@code FF 00} and restart markers) without decoding it. Every length is
 * checked against what the file holds; a file that ends before EOI is reported as truncated. Bytes after EOI are
 * left alone.
 */
public final class JpegSegmentReader {

    /**
     * The most marker segments a file may have. A photograph has tens, a progressive one with its tables a few
     * hundred, and a C2PA store of 4 GB in 64 KB APP11 segments about as many as this; more is padding made to cost
     * time (an empty COM segment is 4 bytes, so 48 MB of them is 12 million segments to walk).
     */
    public static final int MAX_SEGMENTS = 65_536;

    private JpegSegmentReader() {
    }

    /** The refusal of a file with more than {@link #MAX_SEGMENTS} segments; {@code at} is where the next begins. */
    public static InvalidInputException tooManySegments(long at) {
        return malformed("the JPEG has more than " + MAX_SEGMENTS + " marker segments (the next at byte " + at
                + "); credmark reads at most " + MAX_SEGMENTS + " (limit: JPEG segments per file)");
    }

    public static List<JpegSegment> read(byte[] file) {
        List<JpegSegment> segments = new ArrayList<>();
        int pos = 2;
        while (true) {
            if (pos >= file.length) {
                throw malformed("truncated JPEG: the file ends at byte " + file.length + " before EOI");
            }
            if ((file[pos] & 0xFF) != 0xFF) {
                throw malformed("not a valid JPEG: expected a marker at byte " + pos);
            }
            int markerAt = pos;
            while (pos < file.length && (file[pos] & 0xFF) == 0xFF) {
                pos++; // fill bytes (T.81 §B.1.1.2)
            }
            if (pos >= file.length) {
                throw malformed("truncated JPEG: the file ends inside a marker at byte " + markerAt);
            }
            int marker = file[pos++] & 0xFF;
            if (marker == JpegSegment.EOI) {
                return segments;
            }
            if (marker == JpegSegment.SOI || marker == 0x00) {
                throw malformed("not a valid JPEG: unexpected marker FF" + hex(marker) + " at byte " + markerAt);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // TEM and RSTn carry no length
            }
            if (file.length - pos < 2) {
                throw malformed("truncated JPEG: segment FF" + hex(marker) + " at byte " + markerAt + " has no length");
            }
            int lp = BigEndian.u16(file, pos);
            if (lp < 2) {
                throw malformed("not a valid JPEG: segment FF" + hex(marker) + " at byte " + markerAt
                        + " declares a length of " + lp);
            }
            if (lp > file.length - pos) {
                throw malformed("truncated JPEG: segment FF" + hex(marker) + " at byte " + markerAt + " declares "
                        + lp + " bytes but only " + (file.length - pos) + " remain");
            }
            if (segments.size() == MAX_SEGMENTS) {
                throw tooManySegments(markerAt);
            }
            segments.add(new JpegSegment(marker, markerAt, lp - 2));
            pos += lp;
            if (marker == JpegSegment.SOS) {
                if (endsWithEoi(file)) {
                    // Entropy-coded data cannot contain FF D9, so the file is complete; what lies between later
                    // scans (tables, more scans) is of no use to credmark, which saves a pass over the data.
                    return segments;
                }
                pos = skipEntropyCodedData(file, pos);
            }
        }
    }

    private static boolean endsWithEoi(byte[] file) {
        return file.length >= 4 && (file[file.length - 2] & 0xFF) == 0xFF && (file[file.length - 1] & 0xFF) == 0xD9;
    }

    /** Returns the offset of the next marker that is not a restart marker or a stuffed zero. */
    private static int skipEntropyCodedData(byte[] file, int pos) {
        int i = pos;
        int n = file.length;
        while (i < n - 1) {
            if ((file[i] & 0xFF) == 0xFF) {
                int next = file[i + 1] & 0xFF;
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF) {
                    i += next == 0xFF ? 1 : 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw malformed("truncated JPEG: the entropy-coded data starting at byte " + pos + " runs to the end of"
                + " the file without EOI");
    }

    static InvalidInputException malformed(String message) {
        return new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE, message);
    }

    static String hex(int marker) {
        return String.format("%02X", marker);
    }
}
