package io.credmark.pixels.watermark;

/**
 * In-place iterative radix-2 complex FFT on separate real and imaginary arrays, and two-dimensional transforms of
 * real planes built on it.
 */
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
     * Power spectrum |F|² of a real row-major {@code height × width} plane, as a full {@code height × width} array
     * (filled by Hermitian symmetry).
     */
    static double[] powerSpectrum(double[] real, int width, int height, Fft rows, Fft cols) {
        int half = width / 2 + 1;
        double[] hre = new double[height * half];
        double[] him = new double[height * half];
        forwardReal(real, width, height, rows, cols, hre, him);
        double[] p = new double[width * height];
        // each element is written once: directly, or as the mirror of one in the first half of the columns
        Bands.forEach(height, width, (from, to) -> {
            for (int y = from; y < to; y++) {
                for (int k = 0; k < half; k++) {
                    double re = hre[y * half + k];
                    double im = him[y * half + k];
                    double v = re * re + im * im;
                    p[y * width + k] = v;
                    if (k > 0 && k < width - k) {
                        p[((height - y) % height) * width + (width - k)] = v;
                    }
                }
            }
        });
        return p;
    }

    /**
     * Forward transform of a real row-major {@code height × width} plane: the columns 0 … width/2 of its spectrum
     * (the rest follows by Hermitian symmetry) into {@code hre/him}, row-major with width/2 + 1 columns. Rows are
     * transformed two at a time as one complex sequence, and only the half of the columns kept.
     */
    static void forwardReal(double[] real, int width, int height, Fft rows, Fft cols, double[] hre, double[] him) {
        int half = width / 2 + 1;
        Bands.forEach((height + 1) / 2, 2 * width, (from, to) -> forwardRows(real, width, height, rows, hre, him,
                2 * from, Math.min(height, 2 * to)));
        columns(hre, him, half, height, cols, false);
    }

    /** The rows [from, to) of {@link #forwardReal}, from an even row. */
    private static void forwardRows(double[] real, int width, int height, Fft rows, double[] hre, double[] him,
            int from, int to) {
        int half = width / 2 + 1;
        double[] zr = new double[width];
        double[] zi = new double[width];
        for (int y = from; y < to; y += 2) {
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
                hre[y * half + k] = 0.5 * (zr[k] + zr[nk]);
                him[y * half + k] = 0.5 * (zi[k] - zi[nk]);
                if (pair) {
                    hre[(y + 1) * half + k] = 0.5 * (zi[k] + zi[nk]);
                    him[(y + 1) * half + k] = -0.5 * (zr[k] - zr[nk]);
                }
            }
        }
    }

    /**
     * Inverse of {@link #forwardReal} (unnormalised, like {@link #inverse}): the real plane whose half spectrum is
     * {@code hre/him}, which this overwrites. Rows are rebuilt two at a time as one complex sequence.
     */
    static void inverseReal(double[] hre, double[] him, int width, int height, Fft rows, Fft cols, double[] out) {
        int half = width / 2 + 1;
        columns(hre, him, half, height, cols, true);
        Bands.forEach((height + 1) / 2, 2 * width, (from, to) -> inverseRows(hre, him, width, height, rows, out,
                2 * from, Math.min(height, 2 * to)));
    }

    /** The rows [from, to) of {@link #inverseReal}, from an even row. */
    private static void inverseRows(double[] hre, double[] him, int width, int height, Fft rows, double[] out,
            int from, int to) {
        int half = width / 2 + 1;
        double[] zr = new double[width];
        double[] zi = new double[width];
        for (int y = from; y < to; y += 2) {
            boolean pair = y + 1 < height;
            int a = y * half;
            int b = (y + 1) * half;
            for (int k = 0; k < half; k++) {
                double ar = hre[a + k];
                double ai = him[a + k];
                double br = pair ? hre[b + k] : 0;
                double bi = pair ? him[b + k] : 0;
                // Z = A + iB on 0 … width/2, and conj A + i conj B mirrored, so that Re z = a and Im z = b
                zr[k] = ar - bi;
                zi[k] = ai + br;
                if (k > 0 && k < width - k) {
                    zr[width - k] = ar + bi;
                    zi[width - k] = br - ai;
                }
            }
            rows.inverse(zr, zi, 0);
            System.arraycopy(zr, 0, out, y * width, width);
            if (pair) {
                System.arraycopy(zi, 0, out, (y + 1) * width, width);
            }
        }
    }

    /** Transforms each of the {@code width} columns of a row-major {@code height × width} array in place. */
    private static void columns(double[] re, double[] im, int width, int height, Fft cols, boolean inverse) {
        Bands.forEach(width, height, (from, to) -> {
            double[] cr = new double[height];
            double[] ci = new double[height];
            for (int x = from; x < to; x++) {
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
        });
    }
}
