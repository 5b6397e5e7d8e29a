package io.credmark.pixels.watermark.baseline;

import java.awt.image.BufferedImage;

/**
 * A faithful re-implementation of the {@code dwtDct} method of the {@code invisible-watermark} Python library
 * (imwatermark/maxDct.py, the watermark Stable Diffusion XL ships), as the benchmark's baseline. What it really does:
 * <ol>
 *   <li>converts to OpenCV's 8-bit YUV (U = 0.492·(B − Y) + 128, V = 0.877·(R − Y) + 128, rounded and saturated);
 *       with the default scales [0, 36, 36] and a loop over {@code range(2)}, only the U plane is marked (Y has
 *       scale 0, V is never visited);</li>
 *   <li>takes a one-level Haar DWT of U (cropped to a multiple of 4) and cuts the LL band into 4×4 blocks (8×8
 *       pixels); block n carries bit n mod L, in raster order;</li>
 *   <li>no DCT is computed: in each block the largest-magnitude LL value other than the first is quantised with
 *       step 36 to (⌊|v|/36⌋ + 0.25 + 0.5·bit)·36, keeping its sign;</li>
 *   <li>the inverse DWT is called with the horizontal and vertical details swapped, which transposes every 2×2
 *       block of U, and the result is truncated to uint8 by numpy's cast;</li>
 *   <li>decoding takes, per block, the same largest value and reads bit 1 when |v| mod 36 &gt; 18; each bit is the
 *       majority (mean &gt; 0.5) over its blocks.</li>
 * </ol>
 * Images must have at least 256×256 pixels.
 */
public final class DwtDct {

    public static final double SCALE = 36;
    static final int BLOCK = 4;

    private DwtDct() {
    }

    /**
     * The image in YUV, and the LL band of a one-level Haar transform of U over the largest multiple-of-4 area;
     * {@code lw} × {@code lh} is the band's size.
     */
    private record Planes(int[] y, int[] u, int[] v, double[] ll, int lw, int lh) {

        static Planes of(BufferedImage image) {
            int w = image.getWidth();
            int h = image.getHeight();
            int[] y = new int[w * h];
            int[] u = new int[w * h];
            int[] v = new int[w * h];
            toYuv(io.credmark.pixels.watermark.Quality.argb(image), y, u, v);
            int rows = h / 4 * 4;
            int cols = w / 4 * 4;
            return new Planes(y, u, v, haarLl(u, w, rows, cols), cols / 2, rows / 2);
        }
    }

    /** Embeds {@code bits} (0/1) and returns an 8-bit RGB image. */
    public static BufferedImage encode(BufferedImage image, int[] bits) {
        int w = image.getWidth();
        int h = image.getHeight();
        check(w, h);
        Planes planes = Planes.of(image);
        int[] y = planes.y();
        int[] u = planes.u();
        int[] v = planes.v();
        double[] ll = planes.ll();
        int lw = planes.lw();
        int lh = planes.lh();
        double[] marked = ll.clone();
        int num = 0;
        for (int bi = 0; bi < lh / BLOCK; bi++) {
            for (int bj = 0; bj < lw / BLOCK; bj++) {
                int bit = bits[num % bits.length];
                int pos = maxPosition(marked, lw, bi, bj);
                double val = marked[pos];
                double q = (Math.floor(Math.abs(val) / SCALE) + 0.25 + 0.5 * bit) * SCALE;
                marked[pos] = val >= 0 ? q : -q;
                num++;
            }
        }
        // inverse Haar with cH and cV swapped: each 2×2 block comes back transposed, plus half the LL change
        for (int r = 0; r < lh; r++) {
            for (int c = 0; c < lw; c++) {
                int p00 = (2 * r) * w + 2 * c;
                int a = u[p00];
                int b = u[p00 + 1];
                int cc = u[p00 + w];
                int d = u[p00 + w + 1];
                double delta = (marked[r * lw + c] - ll[r * lw + c]) / 2;
                u[p00] = uint8(a + delta);
                u[p00 + 1] = uint8(cc + delta);
                u[p00 + w] = uint8(b + delta);
                u[p00 + w + 1] = uint8(d + delta);
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, fromYuv(y, u, v), 0, w);
        return out;
    }

    /** Decodes {@code length} bits; null when the image is smaller than the method allows. */
    public static int[] decode(BufferedImage image, int length) {
        int w = image.getWidth();
        int h = image.getHeight();
        if ((long) w * h < 256L * 256) {
            return null;
        }
        Planes planes = Planes.of(image);
        double[] ll = planes.ll();
        int lw = planes.lw();
        int lh = planes.lh();
        double[] sum = new double[length];
        int[] count = new int[length];
        int num = 0;
        for (int bi = 0; bi < lh / BLOCK; bi++) {
            for (int bj = 0; bj < lw / BLOCK; bj++) {
                double val = Math.abs(ll[maxPosition(ll, lw, bi, bj)]);
                int bit = num % length;
                sum[bit] += (val % SCALE) > 0.5 * SCALE ? 1 : 0;
                count[bit]++;
                num++;
            }
        }
        int[] bits = new int[length];
        for (int i = 0; i < length; i++) {
            bits[i] = count[i] > 0 && sum[i] / count[i] * 255 > 127 ? 1 : 0;
        }
        return bits;
    }

    private static void check(int w, int h) {
        if ((long) w * h < 256L * 256) {
            throw new IllegalArgumentException("image too small, should be larger than 256x256");
        }
    }

    /** Index (in the LL plane) of the largest |value| of a 4×4 block, excluding the block's first element. */
    private static int maxPosition(double[] ll, int lw, int bi, int bj) {
        int best = -1;
        double bestAbs = -1;
        for (int k = 1; k < BLOCK * BLOCK; k++) {
            int p = (bi * BLOCK + k / BLOCK) * lw + bj * BLOCK + k % BLOCK;
            double a = Math.abs(ll[p]);
            if (a > bestAbs) {
                bestAbs = a;
                best = p;
            }
        }
        return best;
    }

    /** LL band of the orthonormal Haar DWT (pywt 'haar'): (a + b + c + d) / 2 per 2×2 block. */
    private static double[] haarLl(int[] plane, int w, int rows, int cols) {
        int lw = cols / 2;
        int lh = rows / 2;
        double[] ll = new double[lw * lh];
        for (int r = 0; r < lh; r++) {
            for (int c = 0; c < lw; c++) {
                int p = (2 * r) * w + 2 * c;
                ll[r * lw + c] = (plane[p] + plane[p + 1] + plane[p + w] + plane[p + w + 1]) / 2.0;
            }
        }
        return ll;
    }

    /** numpy's float64 → uint8 assignment: truncation toward zero, wrapping modulo 256. */
    private static int uint8(double v) {
        return ((int) v) & 0xFF;
    }

    private static int sat(double v) {
        long r = Math.round(v);
        return (int) Math.max(0, Math.min(255, r));
    }

    /** OpenCV COLOR_BGR2YUV for 8-bit images. */
    private static void toYuv(int[] rgb, int[] y, int[] u, int[] v) {
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            double yy = 0.299 * r + 0.587 * g + 0.114 * b;
            y[i] = sat(yy);
            u[i] = sat(0.492 * (b - yy) + 128);
            v[i] = sat(0.877 * (r - yy) + 128);
        }
    }

    /** OpenCV COLOR_YUV2BGR for 8-bit images. */
    private static int[] fromYuv(int[] y, int[] u, int[] v) {
        int[] rgb = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            double du = u[i] - 128;
            double dv = v[i] - 128;
            int r = sat(y[i] + 1.140 * dv);
            int g = sat(y[i] - 0.395 * du - 0.581 * dv);
            int b = sat(y[i] + 2.032 * du);
            rgb[i] = (r << 16) | (g << 8) | b;
        }
        return rgb;
    }
}
