package io.credmark.pixels.jpeg;

import javax.imageio.plugins.jpeg.JPEGQTable;

/**
 * Quality estimation from quantization tables: the inverse of the IJG (libjpeg) quality scaling, found by trying
 * every quality 1..100 and keeping the one whose scaled standard tables (ITU T.81 Annex K, tables K.1 and K.2) are
 * closest to the file's, summed over the luminance table and, for colour images, the first chrominance table.
 *
 * <p>libjpeg and libjpeg-turbo (cjpeg, ImageMagick, Pillow, browsers' canvas encoders, Java ImageIO) all produce
 * these tables, so for most files the estimate is exact ({@link Estimate#exact()}); for others (Photoshop, cameras,
 * mozjpeg's default tables) it is the nearest IJG quality.
 */
public final class JpegQuality {

    /** The zig-zag order of ITU T.81 figure A.6: entry k of a DQT segment is coefficient ZIGZAG[k] in row order. */
    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };

    private static final int[] STD_LUMINANCE = JPEGQTable.K1Luminance.getTable();
    private static final int[] STD_CHROMINANCE = JPEGQTable.K2Chrominance.getTable();

    private JpegQuality() {
    }

    /**
     * @param quality the IJG quality 1..100 whose tables are nearest
     * @param exact   whether the file's tables are exactly the IJG tables at that quality
     * @param meanAbsError mean absolute difference per coefficient between the file's tables and those
     */
    public record Estimate(int quality, boolean exact, double meanAbsError) {
    }

    /**
     * Estimates the quality from tables in row (natural) order.
     *
     * @param luminance   the table of the first component (64 values)
     * @param chrominance the table of the second component, or null for a single-component image
     */
    public static Estimate estimate(int[] luminance, int[] chrominance) {
        int best = 0;
        long bestError = Long.MAX_VALUE;
        for (int q = 1; q <= 100; q++) {
            long error = distance(luminance, scaled(STD_LUMINANCE, q));
            if (chrominance != null) {
                error += distance(chrominance, scaled(STD_CHROMINANCE, q));
            }
            if (error < bestError) { // ties keep the lower quality, the smaller claim
                bestError = error;
                best = q;
            }
        }
        int n = chrominance == null ? 64 : 128;
        return new Estimate(best, bestError == 0, (double) bestError / n);
    }

    /** The IJG luminance table at a quality, in natural order (jcparam.c, with force_baseline). */
    public static int[] luminanceTable(int quality) {
        return scaled(STD_LUMINANCE, quality);
    }

    /** The IJG chrominance table at a quality, in natural order. */
    public static int[] chrominanceTable(int quality) {
        return scaled(STD_CHROMINANCE, quality);
    }

    /** jpeg_quality_scaling and jpeg_add_quant_table of libjpeg's jcparam.c, with force_baseline = TRUE. */
    static int[] scaled(int[] standard, int quality) {
        int q = Math.max(1, Math.min(100, quality));
        int scale = q < 50 ? 5000 / q : 200 - q * 2;
        int[] t = new int[64];
        for (int i = 0; i < 64; i++) {
            long v = ((long) standard[i] * scale + 50) / 100;
            t[i] = (int) Math.max(1, Math.min(255, v));
        }
        return t;
    }

    private static long distance(int[] a, int[] b) {
        long d = 0;
        for (int i = 0; i < 64; i++) {
            d += Math.abs(a[i] - b[i]);
        }
        return d;
    }

    /** Converts 64 values in zig-zag order (as a DQT segment stores them) to natural order. */
    static int[] naturalOrder(int[] zigzag) {
        int[] n = new int[64];
        for (int k = 0; k < 64; k++) {
            n[ZIGZAG[k]] = zigzag[k];
        }
        return n;
    }
}
