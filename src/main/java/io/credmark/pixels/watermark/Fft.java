package io.credmark.pixels.watermark;

/** In-place iterative radix-2 complex FFT, one and two dimensional, on separate real and imaginary arrays. */
final class Fft {

    private final int n;
    private final int[] reverse;
    private final double[] cos;
    private final double[] sin;

    Fft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two: " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        reverse = new int[n];
        for (int i = 0; i < n; i++) {
            reverse[i] = Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = -Math.sin(2 * Math.PI * i / n);
        }
    }

    int size() {
        return n;
    }

    /** Forward transform (e^{-i}) of {@code re/im[off .. off+n)}; unnormalised. */
    void forward(double[] re, double[] im, int off) {
        transform(re, im, off, false);
    }

    /** Inverse transform (e^{+i}); unnormalised, so forward then inverse multiplies by n. */
    void inverse(double[] re, double[] im, int off) {
        transform(re, im, off, true);
    }

    private void transform(double[] re, double[] im, int off, boolean inverse) {
        for (int i = 0; i < n; i++) {
            int j = reverse[i];
            if (j > i) {
                double t = re[off + i];
                re[off + i] = re[off + j];
                re[off + j] = t;
                t = im[off + i];
                im[off + i] = im[off + j];
                im[off + j] = t;
            }
        }
        double sign = inverse ? -1 : 1;
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = off + start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /**
     * Two-dimensional transform of a row-major {@code height × width} array: rows with {@code rows}, columns with
     * {@code cols} (whose sizes are width and height).
     */
    static void transform2d(double[] re, double[] im, int width, int height, Fft rows, Fft cols, boolean inverse) {
        for (int y = 0; y < height; y++) {
            rows.transform(re, im, y * width, inverse);
        }
        double[] cr = new double[height];
        double[] ci = new double[height];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                cr[y] = re[y * width + x];
                ci[y] = im[y * width + x];
            }
            cols.transform(cr, ci, 0, inverse);
            for (int y = 0; y < height; y++) {
                re[y * width + x] = cr[y];
                im[y * width + x] = ci[y];
            }
        }
    }

    /**
     * Power spectrum |F|² of a real row-major {@code height × width} plane, as a full {@code height × width} array
     * (filled by Hermitian symmetry). Rows are transformed two at a time as one complex sequence.
     */
    static double[] powerSpectrum(double[] real, int width, int height, Fft rows, Fft cols) {
        int half = width / 2 + 1;
        double[] hre = new double[height * half];
        double[] him = new double[height * half];
        double[] zr = new double[width];
        double[] zi = new double[width];
        for (int y = 0; y < height; y += 2) {
            boolean pair = y + 1 < height;
            System.arraycopy(real, y * width, zr, 0, width);
            if (pair) {
                System.arraycopy(real, (y + 1) * width, zi, 0, width);
            } else {
                java.util.Arrays.fill(zi, 0);
            }
            rows.forward(zr, zi, 0);
            for (int k = 0; k < half; k++) {
                int nk = (width - k) % width;
                // A = (Z[k] + conj Z[n-k]) / 2, B = (Z[k] - conj Z[n-k]) / 2i
                double ar = 0.5 * (zr[k] + zr[nk]);
                double ai = 0.5 * (zi[k] - zi[nk]);
                hre[y * half + k] = ar;
                him[y * half + k] = ai;
                if (pair) {
                    double br = 0.5 * (zi[k] + zi[nk]);
                    double bi = -0.5 * (zr[k] - zr[nk]);
                    hre[(y + 1) * half + k] = br;
                    him[(y + 1) * half + k] = bi;
                }
            }
        }
        double[] cr = new double[height];
        double[] ci = new double[height];
        double[] p = new double[width * height];
        for (int k = 0; k < half; k++) {
            for (int y = 0; y < height; y++) {
                cr[y] = hre[y * half + k];
                ci[y] = him[y * half + k];
            }
            cols.forward(cr, ci, 0);
            for (int y = 0; y < height; y++) {
                double v = cr[y] * cr[y] + ci[y] * ci[y];
                p[y * width + k] = v;
                if (k > 0 && k < width - k) {
                    p[((height - y) % height) * width + (width - k)] = v;
                }
            }
        }
        return p;
    }
}
