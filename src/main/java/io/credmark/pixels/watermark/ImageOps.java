package io.credmark.pixels.watermark;

/** Small separable filters and resampling on row-major float planes. Edges are clamped. */
final class ImageOps {

    private ImageOps() {
    }

    /** Mean over a (2r+1)×(2r+1) window. */
    static float[] boxBlur(float[] src, int w, int h, int r) {
        float[] out = new float[w * h];
        boxBlur(src, new float[w * h], out, w, h, r);
        return out;
    }

    /** {@link #boxBlur(float[], int, int, int)} into {@code out}, through {@code tmp}; src may be out. */
    static void boxBlur(float[] src, float[] tmp, float[] out, int w, int h, int r) {
        boxRows(src, tmp, w, h, r);
        boxCols(tmp, out, w, h, r);
    }

    private static void boxRows(float[] src, float[] dst, int w, int h, int r) {
        float norm = 1f / (2 * r + 1);
        Bands.forEach(h, w, (from, to) -> boxRows(src, dst, w, r, norm, from, to));
    }

    private static void boxRows(float[] src, float[] dst, int w, int r, float norm, int from, int to) {
        for (int y = from; y < to; y++) {
            int o = y * w;
            double sum = 0;
            for (int i = -r; i <= r; i++) {
                sum += src[o + clamp(i, w)];
            }
            // the window's edges are clamped only near the row's ends
            int x = 0;
            for (; x < Math.min(w, r); x++) {
                dst[o + x] = (float) (sum * norm);
                sum += src[o + clamp(x + r + 1, w)] - src[o + clamp(x - r, w)];
            }
            for (; x < w - r - 1; x++) {
                dst[o + x] = (float) (sum * norm);
                sum += src[o + x + r + 1] - src[o + x - r];
            }
            for (; x < w; x++) {
                dst[o + x] = (float) (sum * norm);
                sum += src[o + clamp(x + r + 1, w)] - src[o + clamp(x - r, w)];
            }
        }
    }

    private static void boxCols(float[] src, float[] dst, int w, int h, int r) {
        float norm = 1f / (2 * r + 1);
        Bands.forEach(w, h, (from, to) -> boxCols(src, dst, w, h, r, norm, from, to));
    }

    /** Columns [from, to) of {@link #boxCols}, a running sum per column. */
    private static void boxCols(float[] src, float[] dst, int w, int h, int r, float norm, int from, int to) {
        double[] sum = new double[w];
        for (int i = -r; i <= r; i++) {
            int o = clamp(i, h) * w;
            for (int x = from; x < to; x++) {
                sum[x] += src[o + x];
            }
        }
        for (int y = 0; y < h; y++) {
            int o = y * w;
            int add = clamp(y + r + 1, h) * w;
            int sub = clamp(y - r, h) * w;
            for (int x = from; x < to; x++) {
                dst[o + x] = (float) (sum[x] * norm);
                sum[x] += src[add + x] - src[sub + x];
            }
        }
    }

    /** Minimum over a (2r+1)×(2r+1) window. */
    static float[] minFilter(float[] src, int w, int h, int r) {
        float[] tmp = src.clone();
        // one shifted pass per window offset: plain loops over the row, which the compiler vectorises
        Bands.forEach(h, w, (from, to) -> {
            for (int y = from; y < to; y++) {
                int o = y * w;
                for (int k = 1; k <= r && k < w; k++) {
                    for (int x = 0; x < w - k; x++) {
                        tmp[o + x] = Math.min(tmp[o + x], src[o + x + k]);
                    }
                    for (int x = k; x < w; x++) {
                        tmp[o + x] = Math.min(tmp[o + x], src[o + x - k]);
                    }
                }
            }
        });
        float[] out = new float[w * h];
        Bands.forEach(h, w, (from, to) -> {
            for (int y = from; y < to; y++) {
                int lo = Math.max(0, y - r);
                int hi = Math.min(h - 1, y + r);
                int o = y * w;
                System.arraycopy(tmp, lo * w, out, o, w);
                for (int j = lo + 1; j <= hi; j++) {
                    int p = j * w;
                    for (int x = 0; x < w; x++) {
                        out[o + x] = Math.min(out[o + x], tmp[p + x]);
                    }
                }
            }
        });
        return out;
    }

    /** 2×2 averaging to (w/2) × (h/2); a trailing odd row or column is dropped. */
    static float[] halve(float[] src, int w, int h) {
        int hw = w / 2;
        int hh = h / 2;
        float[] out = new float[hw * hh];
        Bands.forEach(hh, hw, (from, to) -> {
            for (int y = from; y < to; y++) {
                int a = 2 * y * w;
                int b = a + w;
                int o = y * hw;
                for (int x = 0; x < hw; x++) {
                    out[o + x] = 0.25f * (src[a + 2 * x] + src[a + 2 * x + 1] + src[b + 2 * x] + src[b + 2 * x + 1]);
                }
            }
        });
        return out;
    }

    /** Inverse of {@link #halve}: bilinear enlargement of a (w/2) × (h/2) plane back to w × h. */
    static float[] doubleUp(float[] half, int w, int h) {
        int hw = w / 2;
        int hh = h / 2;
        float[] out = new float[w * h];
        int[] x0 = new int[w];
        int[] x1 = new int[w];
        float[] fx = new float[w];
        for (int x = 0; x < w; x++) {
            float c = Math.min(hw - 1, Math.max(0, (x + 0.5f) / 2 - 0.5f));
            x0[x] = (int) c;
            x1[x] = Math.min(hw - 1, x0[x] + 1);
            fx[x] = c - x0[x];
        }
        Bands.forEach(h, w, (from, to) -> {
            for (int y = from; y < to; y++) {
                float c = Math.min(hh - 1, Math.max(0, (y + 0.5f) / 2 - 0.5f));
                int y0 = (int) c;
                int y1 = Math.min(hh - 1, y0 + 1);
                float fy = c - y0;
                int r0 = y0 * hw;
                int r1 = y1 * hw;
                int o = y * w;
                for (int x = 0; x < w; x++) {
                    float top = half[r0 + x0[x]] + (half[r0 + x1[x]] - half[r0 + x0[x]]) * fx[x];
                    float bottom = half[r1 + x0[x]] + (half[r1 + x1[x]] - half[r1 + x0[x]]) * fx[x];
                    out[o + x] = top + (bottom - top) * fy;
                }
            }
        });
        return out;
    }

    /**
     * Resamples to {@code nw × nh}, independently per axis: area averaging when shrinking (each output pixel covers
     * its footprint), linear interpolation when enlarging.
     */
    static float[] resample(float[] src, int w, int h, int nw, int nh) {
        float[] rows = new float[nw * h];
        Kernel kx = Kernel.of(w, nw);
        Bands.forEach(h, w, (from, to) -> {
            for (int y = from; y < to; y++) {
                kx.apply(src, y * w, 1, rows, y * nw, 1);
            }
        });
        float[] out = new float[nw * nh];
        Kernel ky = Kernel.of(h, nh);
        // down the columns, a whole row at a time (each output sums its inputs in the same order as apply)
        Bands.forEach(nh, nw, (from, to) -> {
            for (int i = from; i < to; i++) {
                float[] wt = ky.weights[i];
                int o = i * nw;
                for (int k = 0; k < wt.length; k++) {
                    float wk = wt[k];
                    int p = (ky.start[i] + k) * nw;
                    for (int x = 0; x < nw; x++) {
                        out[o + x] += wk * rows[p + x];
                    }
                }
            }
        });
        return out;
    }

    /** Precomputed one-dimensional resampling weights: output i is the weighted sum from input start[i] on. */
    static final class Kernel {
        final int[] start;
        final float[][] weights;

        private Kernel(int[] start, float[][] weights) {
            this.start = start;
            this.weights = weights;
        }

        static Kernel of(int n, int nn) {
            int[] start = new int[nn];
            float[][] weights = new float[nn][];
            double scale = (double) n / nn;
            for (int i = 0; i < nn; i++) {
                if (scale > 1) {
                    double a = i * scale;
                    double b = a + scale;
                    int s = (int) Math.floor(a);
                    int e = Math.min(n, (int) Math.ceil(b));
                    float[] wt = new float[e - s];
                    for (int k = s; k < e; k++) {
                        wt[k - s] = (float) ((Math.min(b, k + 1) - Math.max(a, k)) / scale);
                    }
                    start[i] = s;
                    weights[i] = wt;
                } else {
                    double c = (i + 0.5) * scale - 0.5;
                    int s = (int) Math.floor(c);
                    float f = (float) (c - s);
                    if (s < 0) {
                        start[i] = 0;
                        weights[i] = new float[] {1};
                    } else if (s + 1 >= n) {
                        start[i] = n - 1;
                        weights[i] = new float[] {1};
                    } else {
                        start[i] = s;
                        weights[i] = new float[] {1 - f, f};
                    }
                }
            }
            return new Kernel(start, weights);
        }

        void apply(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
            for (int i = 0; i < start.length; i++) {
                float[] wt = weights[i];
                int p = srcOff + start[i] * srcStride;
                float s = 0;
                for (int k = 0; k < wt.length; k++) {
                    s += wt[k] * src[p + k * srcStride];
                }
                dst[dstOff + i * dstStride] = s;
            }
        }
    }

    static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }
}
