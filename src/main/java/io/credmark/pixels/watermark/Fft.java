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
}
