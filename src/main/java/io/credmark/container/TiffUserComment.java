package io.credmark.container;

import java.util.Optional;

/**
 * Finds the value of EXIF {@code UserComment} (tag 0x9286 in the Exif IFD, EXIF 2.32 §4.6.5) inside a TIFF
 * structure, without interpreting anything else: IFD0, its Exif IFD pointer (0x8769), then the tag. Every offset
 * is checked against the TIFF's bounds; a structure that cannot be walked is reported as such, so that a caller
 * who must not leave the comment readable can remove the whole block instead.
 */
final class TiffUserComment {

    private static final int EXIF_IFD_POINTER = 0x8769;
    private static final int USER_COMMENT = 0x9286;
    /** More entries than this in one IFD is not an image's EXIF. */
    private static final int MAX_ENTRIES = 4096;

    /** What the walk found. */
    public sealed interface Found {
    }

    /** No UserComment: the TIFF is well formed and has none. */
    public record Absent() implements Found {
    }

    /** The value's bytes, as an absolute range in the file. */
    public record At(ByteRange value) implements Found {
    }

    /** The structure could not be walked (bad byte order, an offset outside the block, a loop). */
    public record Unreadable(String reason) implements Found {
    }

    private TiffUserComment() {
    }

    /**
     * @param file  the whole file
     * @param start where the TIFF header ({@code II*\0} or {@code MM\0*}) starts
     * @param length the TIFF's length
     */
    public static Found find(byte[] file, int start, int length) {
        if (length < 8) {
            return new Unreadable("the TIFF header is truncated");
        }
        boolean big;
        if (file[start] == 'M' && file[start + 1] == 'M') {
            big = true;
        } else if (file[start] == 'I' && file[start + 1] == 'I') {
            big = false;
        } else {
            return new Unreadable("no TIFF byte order mark");
        }
        Tiff t = new Tiff(file, start, length, big);
        long ifd0 = t.u32(4);
        Optional<long[]> pointer = t.entry(ifd0, EXIF_IFD_POINTER);
        if (pointer == null) {
            return new Unreadable("IFD0 lies outside the EXIF block");
        }
        if (pointer.isEmpty()) {
            return new Absent();
        }
        long exifIfd = pointer.get()[2];
        if (exifIfd == ifd0) {
            return new Unreadable("the Exif IFD pointer loops back to IFD0");
        }
        Optional<long[]> comment = t.entry(exifIfd, USER_COMMENT);
        if (comment == null) {
            return new Unreadable("the Exif IFD lies outside the EXIF block");
        }
        if (comment.isEmpty()) {
            return new Absent();
        }
        long count = comment.get()[1];
        long valueOffset = count <= 4 ? comment.get()[3] : comment.get()[2];
        if (valueOffset < 0 || valueOffset + count > length) {
            return new Unreadable("UserComment's value lies outside the EXIF block");
        }
        return new At(new ByteRange(start + valueOffset, count));
    }

    /** Reads within one TIFF block; entry values are [type, count, value-or-offset, offset of the value field]. */
    private record Tiff(byte[] file, int start, int length, boolean big) {

        int u16(long at) {
            int a = file[start + (int) at] & 0xFF;
            int b = file[start + (int) at + 1] & 0xFF;
            return big ? a << 8 | b : b << 8 | a;
        }

        long u32(long at) {
            long hi = u16(big ? at : at + 2);
            long lo = u16(big ? at + 2 : at);
            return hi << 16 | lo;
        }

        /** The entry with {@code tag} in the IFD at {@code ifd}; empty if none; null if the IFD is out of bounds. */
        Optional<long[]> entry(long ifd, int tag) {
            if (ifd < 8 || ifd + 2 > length) {
                return null;
            }
            int n = u16(ifd);
            if (n > MAX_ENTRIES || ifd + 2 + 12L * n > length) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                long e = ifd + 2 + 12L * i;
                if (u16(e) == tag) {
                    return Optional.of(new long[] {u16(e + 2), u32(e + 4), u32(e + 8), e + 8});
                }
            }
            return Optional.empty();
        }
    }
}
