package io.credmark.pixels.watermark;

import java.awt.Rectangle;

/**
 * Adds the tiled, texture-masked pattern to the luminance. The tile repeats with a period of T·k pixels from the
 * image origin; chips are k×k pixels, joined by bilinear interpolation (no block edges). The local amplitude
 * follows a texture mask, and one global gain is chosen in closed loop: the largest that keeps the PSNR and the
 * luma SSIM of the change, as it will be after rounding to 8 bits, above their targets.
 */
final class PssEmbedder {

    /** SSIM window positions are sampled every {@value} pixels in each direction. */
    static final int SSIM_STRIDE = 4;
    /** |ΔY| cap in flat areas; rounding keeps the 8-bit change within 3. */
    static final float FLAT_LIMIT = 3.4f;

    record Result(float[] delta, int chip, double gain, double predictedPsnr, double predictedSsim) {
    }

    private PssEmbedder() {
    }

    static int chipSize(int width, int height) {
        return Math.max(Tuning.CHIP_MIN, (int) Math.round(Math.min(width, height) / Tuning.CHIP_DIV));
    }

    static Result embed(LumaImage luma, float[] chips, Rectangle avoid) {
        int w = luma.width;
        int h = luma.height;
        int k = chipSize(w, h);
        float[] half = ImageOps.halve(luma.y, w, h);
        float[] u = mask(half, w, h);
        multiplyPattern(u, w, h, chips, k);
        float[] limit = flatLimit(half, w, h);
        if (avoid != null) {
            Rectangle r = avoid.intersection(new Rectangle(0, 0, w, h));
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    u[y * w + x] = 0;
                }
            }
        }
        double energy = Bands.sum(h, w, (from, to) -> {
            double e = 0;
            for (int i = from * w; i < to * w; i++) {
                e += u[i] * u[i];
            }
            return e;
        }) / u.length;
        if (energy == 0) {
            return new Result(u, k, 0, Double.POSITIVE_INFINITY, 1);
        }
        double mseTarget = 255.0 * 255.0 / Math.pow(10, Tuning.PSNR_TARGET / 10);
        // PSNR bound on the gain, for the change as it will be: rounded to whole 8-bit steps
        double gain = Math.min(Tuning.GAIN_MAX, Math.sqrt(mseTarget / energy));
        for (int pass = 0; pass < 4; pass++) {
            double mse = roundedEnergy(u, limit, (float) gain, w);
            if (mse <= mseTarget) {
                break;
            }
            gain *= Math.sqrt(mseTarget / mse) * 0.995;
        }
        // SSIM bound, measured on the rounded change; rounding both adds error where the change is large and
        // removes changes below half a step, so the continuous model only gives the starting point
        float[] q = new float[u.length];
        SsimOfChange eval = new SsimOfChange(luma.y, w, h, SSIM_STRIDE);
        double target = Tuning.SSIM_TARGET;
        double chosen = gain;
        double chosenSsim = roundedSsim(eval, u, limit, gain, q);
        if (chosenSsim < target) {
            // rounding makes SSIM(gain) step-like (changes under half a step vanish), so bracket and bisect on the
            // measured value; the first guess assumes the shortfall grows with the square of the gain
            double hi = gain;
            double lo = gain * Math.sqrt((1 - target) / (1 - chosenSsim));
            double sLo = roundedSsim(eval, u, limit, lo, q);
            for (int i = 0; i < 6 && sLo < target; i++) {
                hi = lo;
                lo *= 0.7;
                sLo = roundedSsim(eval, u, limit, lo, q);
            }
            while (hi / lo > 1.05) {
                double mid = Math.sqrt(lo * hi);
                double sMid = roundedSsim(eval, u, limit, mid, q);
                if (sMid >= target) {
                    lo = mid;
                    sLo = sMid;
                } else {
                    hi = mid;
                }
            }
            chosen = lo;
            chosenSsim = sLo;
        }
        double mse = roundedEnergy(u, limit, (float) chosen, w);
        float g = (float) chosen;
        Bands.forEach(h, w, (from, to) -> {
            for (int i = from * w; i < to * w; i++) {
                u[i] = scaled(u[i], g, limit[i]);
            }
        });
        double psnr = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
        return new Result(u, k, chosen, psnr, chosenSsim);
    }

    private static double roundedSsim(SsimOfChange eval, float[] u, float[] limit, double gain, float[] q) {
        round(u, limit, (float) gain, q, eval.w);
        return eval.ssim(q);
    }

    private static float scaled(float u, float g, float limit) {
        float v = u * g;
        return v > limit ? limit : v < -limit ? -limit : v;
    }

    private static void round(float[] u, float[] limit, float g, float[] out, int w) {
        Bands.forEach(u.length / w, w, (from, to) -> {
            for (int i = from * w; i < to * w; i++) {
                out[i] = Math.round(scaled(u[i], g, limit[i]));
            }
        });
    }

    /**
     * Largest |ΔY| allowed per pixel, as a multiple of the gain-free unit: {@link #FLAT_LIMIT} where the pixel lies
     * in some flat ~16×16 neighbourhood (luma standard deviation below 2), unbounded elsewhere. Applied after the
     * gain, so the closed loop sees it.
     *
     * @param half the luma halved ({@link ImageOps#halve}), for a w × h image
     */
    static float[] flatLimit(float[] half, int w, int h) {
        int hw = w / 2;
        int hh = h / 2;
        float[] sq = new float[half.length];
        Bands.forEach(hh, hw, (from, to) -> {
            for (int i = from * hw; i < to * hw; i++) {
                sq[i] = half[i] * half[i];
            }
        });
        float[] m = ImageOps.boxBlur(half, hw, hh, 4);
        float[] m2 = ImageOps.boxBlur(sq, hw, hh, 4);
        Bands.forEach(hh, hw, (from, to) -> {
            for (int i = from * hw; i < to * hw; i++) {
                m[i] = m2[i] - m[i] * m[i];
            }
        });
        float[] var = ImageOps.minFilter(m, hw, hh, 4);
        float[] out = new float[w * h];
        Bands.forEach(h, w, (from, to) -> {
            for (int j = from; j < to; j++) {
                int row = Math.min(hh - 1, j / 2) * hw;
                for (int i = 0; i < w; i++) {
                    out[j * w + i] = var[row + Math.min(hw - 1, i / 2)] < 4 ? FLAT_LIMIT : Float.MAX_VALUE;
                }
            }
        });
        return out;
    }

    private static double roundedEnergy(float[] u, float[] limit, float g, int w) {
        return Bands.sum(u.length / w, w, (from, to) -> {
            double e = 0;
            for (int i = from * w; i < to * w; i++) {
                float d = Math.round(scaled(u[i], g, limit[i]));
                e += d * d;
            }
            return e;
        }) / u.length;
    }

    /** Multiplies {@code u} in place by the periodic pattern: bilinear interpolation of the chips, k pixels apart. */
    static void multiplyPattern(float[] u, int w, int h, float[] chips, int k) {
        int t = PssLayout.T;
        int[] i0s = new int[w];
        int[] i1s = new int[w];
        float[] ax = new float[w];
        for (int x = 0; x < w; x++) {
            i0s[x] = (x / k) % t;
            i1s[x] = (i0s[x] + 1) % t;
            ax[x] = (x % k) / (float) k;
        }
        Bands.forEach(h, w, (from, to) -> {
            for (int y = from; y < to; y++) {
                int j0 = ((y / k) % t) * t;
                int j1 = (((y / k) + 1) % t) * t;
                float b = (y % k) / (float) k;
                int o = y * w;
                for (int x = 0; x < w; x++) {
                    float a = ax[x];
                    float top = chips[j0 + i0s[x]] + (chips[j0 + i1s[x]] - chips[j0 + i0s[x]]) * a;
                    float bottom = chips[j1 + i0s[x]] + (chips[j1 + i1s[x]] - chips[j1 + i0s[x]]) * a;
                    u[o + x] *= top + (bottom - top) * b;
                }
            }
        });
    }

    /**
     * Texture mask, computed at half resolution: 1 in flat areas, growing with local activity (the RMS of a 3×3
     * high-pass over a 3×3 window), eroded over 5×5 so that a lone edge in a flat area does not count as texture,
     * capped and smoothed.
     *
     * @param half the luma halved ({@link ImageOps#halve}), for a w × h image
     */
    static float[] mask(float[] half, int w, int h) {
        int hw = w / 2;
        int hh = h / 2;
        float[] mean = ImageOps.boxBlur(half, hw, hh, 1);
        float[] squares = new float[hw * hh];
        Bands.forEach(hh, hw, (from, to) -> {
            for (int i = from * hw; i < to * hw; i++) {
                float d = half[i] - mean[i];
                squares[i] = d * d;
            }
        });
        float[] e = ImageOps.minFilter(ImageOps.boxBlur(squares, hw, hh, 1), hw, hh, 2);
        float ref = (float) Tuning.ACTIVITY_REF;
        float cap = (float) Tuning.MASK_CAP;
        Bands.forEach(hh, hw, (from, to) -> {
            for (int i = from * hw; i < to * hw; i++) {
                e[i] = Math.min(cap, 1 + (float) Math.sqrt(Math.max(0, e[i])) / ref);
            }
        });
        return ImageOps.doubleUp(ImageOps.boxBlur(e, hw, hh, 2), w, h);
    }

    /** Mean SSIM of x against x + d for changing d, with the moments of x computed once. */
    static final class SsimOfChange {
        private final float[] x;
        private final int w;
        private final int h;
        private final int stride;
        private final float[] mx;
        private final float[] vx;
        private final float[] g = Quality.gaussKernel();

        SsimOfChange(float[] x, int w, int h, int stride) {
            this.x = x;
            this.w = w;
            this.h = h;
            this.stride = stride;
            // Gaussian-window mean and variance of x (centred on 128 for float precision) at the sampled positions
            int r = g.length / 2;
            int ow = (w + stride - 1) / stride;
            int oh = (h + stride - 1) / stride;
            mx = new float[ow * oh];
            vx = new float[ow * oh];
            Bands.forEach(oh, w * stride, (from, to) -> moments(from, to, r, ow));
        }

        /** {@link #mx} and {@link #vx} on sampled rows [from, to). */
        private void moments(int from, int to, int r, int ow) {
            float[] sx = new float[w];
            float[] sxx = new float[w];
            for (int j = from; j < to; j++) {
                java.util.Arrays.fill(sx, 0);
                java.util.Arrays.fill(sxx, 0);
                for (int k = -r; k <= r; k++) {
                    float gk = g[k + r];
                    int o = ImageOps.clamp(j * stride + k, h) * w;
                    for (int i = 0; i < w; i++) {
                        float a = x[o + i] - 128;
                        sx[i] += gk * a;
                        sxx[i] += gk * a * a;
                    }
                }
                for (int i = 0; i < ow; i++) {
                    float ax = 0;
                    float axx = 0;
                    for (int k = -r; k <= r; k++) {
                        int c = ImageOps.clamp(i * stride + k, w);
                        ax += g[k + r] * sx[c];
                        axx += g[k + r] * sxx[c];
                    }
                    mx[j * ow + i] = ax + 128;
                    vx[j * ow + i] = axx - ax * ax;
                }
            }
        }

        double ssim(float[] d) {
            int ow = (w + stride - 1) / stride;
            int oh = (h + stride - 1) / stride;
            return Bands.sum(oh, w * stride, (from, to) -> ssimSum(d, from, to, ow)) / (ow * oh);
        }

        /** The sum of the SSIM of sampled rows [from, to). */
        private double ssimSum(float[] d, int from, int to, int ow) {
            int r = g.length / 2;
            float[] sd = new float[w];
            float[] sdd = new float[w];
            float[] sxd = new float[w];
            double sum = 0;
            for (int j = from; j < to; j++) {
                int y = j * stride;
                java.util.Arrays.fill(sd, 0);
                java.util.Arrays.fill(sdd, 0);
                java.util.Arrays.fill(sxd, 0);
                for (int k = -r; k <= r; k++) {
                    float gk = g[k + r];
                    int o = ImageOps.clamp(y + k, h) * w;
                    // no test for b == 0: a branch per sample costs more than the arithmetic it skips
                    for (int i = 0; i < w; i++) {
                        float b = d[o + i];
                        float gb = gk * b;
                        sd[i] += gb;
                        sdd[i] += gb * b;
                        sxd[i] += gb * (x[o + i] - 128);
                    }
                }
                for (int i = 0; i < ow; i++) {
                    int xc = i * stride;
                    float ad = 0;
                    float add = 0;
                    float axd = 0;
                    for (int k = -r; k <= r; k++) {
                        float gk = g[k + r];
                        int c = ImageOps.clamp(xc + k, w);
                        ad += gk * sd[c];
                        add += gk * sdd[c];
                        axd += gk * sxd[c];
                    }
                    int p = j * ow + i;
                    double ux = mx[p];
                    double uy = ux + ad;
                    double sx = vx[p];
                    double cxd = axd - (ux - 128) * ad;
                    double vd = add - ad * ad;
                    double sxy = sx + cxd;
                    double sy = sx + 2 * cxd + vd;
                    sum += ((2 * ux * uy + Quality.C1) * (2 * sxy + Quality.C2))
                            / ((ux * ux + uy * uy + Quality.C1) * (sx + sy + Quality.C2));
                }
            }
            return sum;
        }
    }
}
