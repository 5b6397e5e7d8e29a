package io.credmark.pixels.png;

import java.util.ArrayList;
import java.util.List;

/**
 * The PNG sample layout (PNG spec §7, §8): rows of filtered bytes, the Adam7 passes, and the packing of 1-, 2- and
 * 4-bit samples.
 */
final class PngRaw {

    /** Adam7: x start, y start, x step, y step of passes 1 to 7 (PNG spec §8.2). */
    static final int[][] ADAM7 = {
        {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2},
    };

    final int width;
    final int height;
    final int bitDepth;
    final int colourType;
    final boolean interlaced;
    final int channels;

    PngRaw(int width, int height, int bitDepth, int colourType, boolean interlaced) {
        this.width = width;
        this.height = height;
        this.bitDepth = bitDepth;
        this.colourType = colourType;
        this.interlaced = interlaced;
        this.channels = switch (colourType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new IllegalArgumentException("colour type " + colourType);
        };
    }

    /** Bytes of one row of {@code w} pixels, without the filter byte. */
    long rowBytes(int w) {
        return ((long) w * channels * bitDepth + 7) / 8;
    }

    /** The byte distance the filters look back (PNG spec §9.2: at least one byte). */
    int filterStride() {
        return Math.max(1, channels * bitDepth / 8);
    }

    /**
     * One pass over the image: the pixels (x0 + i·dx, y0 + j·dy) for i below width and j below height.
     */
    record Pass(int x0, int y0, int dx, int dy, int width, int height) {
    }

    /**
     * The passes that hold pixels, in file order: the Adam7 passes (small images leave some empty), or one pass
     * covering the image when not interlaced.
     */
    List<Pass> passes() {
        if (!interlaced) {
            return List.of(new Pass(0, 0, 1, 1, width, height));
        }
        List<Pass> out = new ArrayList<>(7);
        for (int[] a : ADAM7) {
            int pw = width > a[0] ? (width - a[0] + a[2] - 1) / a[2] : 0;
            int ph = height > a[1] ? (height - a[1] + a[3] - 1) / a[3] : 0;
            if (pw > 0 && ph > 0) {
                out.add(new Pass(a[0], a[1], a[2], a[3], pw, ph));
            }
        }
        return out;
    }

    /** Bytes of all filtered rows of all passes, filter bytes included. */
    long rawLength() {
        long n = 0;
        for (Pass p : passes()) {
            n += (rowBytes(p.width()) + 1) * p.height();
        }
        return n;
    }

    /** Unpacks {@code count} samples of a row starting at {@code at} into {@code out}. */
    void unpack(byte[] raw, int at, int count, int[] out) {
        switch (bitDepth) {
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = raw[at + i] & 0xFF;
                }
            }
            case 16 -> {
                for (int i = 0, p = at; i < count; i++, p += 2) {
                    out[i] = ((raw[p] & 0xFF) << 8) | (raw[p + 1] & 0xFF);
                }
            }
            default -> {
                int mask = (1 << bitDepth) - 1;
                for (int i = 0; i < count; i++) {
                    int bit = i * bitDepth;
                    int shift = 8 - bitDepth - (bit & 7);
                    out[i] = (raw[at + (bit >> 3)] >> shift) & mask;
                }
            }
        }
    }

    /** Packs {@code count} samples into a row starting at {@code at} (the row's bytes must be zero for depth < 8). */
    void pack(int[] samples, int count, byte[] row, int at) {
        switch (bitDepth) {
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    row[at + i] = (byte) samples[i];
                }
            }
            case 16 -> {
                for (int i = 0, p = at; i < count; i++, p += 2) {
                    row[p] = (byte) (samples[i] >>> 8);
                    row[p + 1] = (byte) samples[i];
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    int bit = i * bitDepth;
                    int shift = 8 - bitDepth - (bit & 7);
                    row[at + (bit >> 3)] |= (byte) (samples[i] << shift);
                }
            }
        }
    }

    /** Reverses the filter of the row at {@code at} (its filter byte at {@code at - 1}) in place (PNG spec §9). */
    static void unfilter(byte[] raw, int at, int prior, int length, int stride, int filter) {
        switch (filter) {
            case 0 -> {
            }
            case 1 -> {
                for (int i = stride; i < length; i++) {
                    raw[at + i] += raw[at + i - stride];
                }
            }
            case 2 -> {
                if (prior >= 0) {
                    for (int i = 0; i < length; i++) {
                        raw[at + i] += raw[prior + i];
                    }
                }
            }
            case 3 -> {
                for (int i = 0; i < length; i++) {
                    int left = i >= stride ? raw[at + i - stride] & 0xFF : 0;
                    int up = prior >= 0 ? raw[prior + i] & 0xFF : 0;
                    raw[at + i] += (byte) ((left + up) >>> 1);
                }
            }
            case 4 -> {
                for (int i = 0; i < length; i++) {
                    int left = i >= stride ? raw[at + i - stride] & 0xFF : 0;
                    int up = prior >= 0 ? raw[prior + i] & 0xFF : 0;
                    int upLeft = i >= stride && prior >= 0 ? raw[prior + i - stride] & 0xFF : 0;
                    raw[at + i] += (byte) paeth(left, up, upLeft);
                }
            }
            default -> throw PngPixelReader.malformed("PNG row uses unknown filter type " + filter);
        }
    }

    /**
     * Writes row {@code row} filtered with type {@code type} to {@code out} at {@code at} (PNG spec §9.2). The
     * {@code prior} row is all zeros for the first row of a pass.
     */
    static void filter(byte[] row, byte[] prior, int length, int stride, int type, byte[] out, int at) {
        int lead = Math.min(stride, length);
        switch (type) {
            case 0 -> System.arraycopy(row, 0, out, at, length);
            case 1 -> {
                System.arraycopy(row, 0, out, at, lead);
                for (int i = lead; i < length; i++) {
                    out[at + i] = (byte) (row[i] - row[i - stride]);
                }
            }
            case 2 -> {
                for (int i = 0; i < length; i++) {
                    out[at + i] = (byte) (row[i] - prior[i]);
                }
            }
            case 3 -> {
                for (int i = 0; i < lead; i++) {
                    out[at + i] = (byte) (row[i] - ((prior[i] & 0xFF) >>> 1));
                }
                for (int i = lead; i < length; i++) {
                    out[at + i] = (byte) (row[i] - (((row[i - stride] & 0xFF) + (prior[i] & 0xFF)) >>> 1));
                }
            }
            default -> {
                for (int i = 0; i < lead; i++) {
                    out[at + i] = (byte) (row[i] - prior[i]); // Paeth with no left neighbour predicts up
                }
                for (int i = lead; i < length; i++) {
                    out[at + i] = (byte) (row[i] - paeth(row[i - stride] & 0xFF, prior[i] & 0xFF,
                            prior[i - stride] & 0xFF));
                }
            }
        }
    }

    /**
     * The filter type libpng's heuristic picks for a row: the smallest sum of the filtered bytes taken as signed
     * values, ties to the lower type. Only the sums are computed, and the Paeth row (the dearest to filter, and the
     * type photographs take most) is kept in {@code paethRow}; {@link #filter} writes any other chosen type.
     */
    static int chooseFilter(byte[] row, byte[] prior, int length, int stride, byte[] paethRow) {
        int lead = Math.min(stride, length);
        // int sums per loop, each loop on its own, so that the compiler can vectorize them: a row's sum of at most
        // 128 per byte fits an int for any row this codec accepts
        int none = 0;
        for (int i = 0; i < length; i++) {
            none += Math.abs(row[i]);
        }
        int sub = 0;
        for (int i = lead; i < length; i++) {
            sub += Math.abs((byte) (row[i] - row[i - stride]));
        }
        int up = 0;
        for (int i = 0; i < length; i++) {
            up += Math.abs((byte) (row[i] - prior[i]));
        }
        int average = 0;
        for (int i = 0; i < lead; i++) {
            average += Math.abs((byte) (row[i] - ((prior[i] & 0xFF) >>> 1)));
        }
        for (int i = lead; i < length; i++) {
            average += Math.abs((byte) (row[i] - (((row[i - stride] & 0xFF) + (prior[i] & 0xFF)) >>> 1)));
        }
        int paeth = 0;
        for (int i = 0; i < lead; i++) {
            byte v = (byte) (row[i] - prior[i]);
            paethRow[i] = v;
            paeth += Math.abs(v);
        }
        for (int i = lead; i < length; i++) {
            byte v = (byte) (row[i] - paeth(row[i - stride] & 0xFF, prior[i] & 0xFF, prior[i - stride] & 0xFF));
            paethRow[i] = v;
            paeth += Math.abs(v);
        }
        for (int i = 0; i < lead; i++) {
            sub += Math.abs(row[i]);
        }
        int[] sums = {none, sub, up, average, paeth};
        int choice = 0;
        for (int type = 1; type < 5; type++) {
            if (sums[type] < sums[choice]) {
                choice = type;
            }
        }
        return choice;
    }

    /**
     * The Paeth predictor (PNG spec §9.4), without branches: p − a = b − c, p − b = a − c and p − c = a + b − 2c, with
     * ties going to a, then b.
     */
    static int paeth(int a, int b, int c) {
        int pa = Math.abs(b - c);
        int pb = Math.abs(a - c);
        int pc = Math.abs(a + b - 2 * c);
        int bc = pb <= pc ? b : c;
        return pa <= pb && pa <= pc ? a : bc;
    }
}
