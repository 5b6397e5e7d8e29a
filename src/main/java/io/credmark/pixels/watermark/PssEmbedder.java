package io.credmark.pixels.watermark;

import java.awt.Rectangle;

/**
 * Adds the tiled, texture-masked pattern to the luminance. The tile repeats with a period of T·k pixels from the
 * image origin; chips are k×k pixels, joined by bilinear interpolation (no block edges). The local amplitude
 * follows a texture mask, and one global gain is chosen in closed loop: the largest that keeps the predicted PSNR
 * and luma SSIM above their targets.
 */
final class PssEmbedder {

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
        float[] mask = mask(luma.y, w, h);
        // unit watermark u = mask · pattern
        int[] ix = new int[w];
        float[] ax = new float[w];
        for (int x = 0; x < w; x++) {
            ix[x] = (x / k) % PssLayout.T;
            ax[x] = (x % k) / (float) k;
        }
        float[] u = new float[w * h];
        int t = PssLayout.T;
        for (int y = 0; y < h; y++) {
            int j0 = (y / k) % t;
            int j1 = (j0 + 1) % t;
            float b = (y % k) / (float) k;
            int o = y * w;
            for (int x = 0; x < w; x++) {
                int i0 = ix[x];
                int i1 = (i0 + 1) % t;
                float a = ax[x];
                float top = chips[j0 * t + i0] * (1 - a) + chips[j0 * t + i1] * a;
                float bottom = chips[j1 * t + i0] * (1 - a) + chips[j1 * t + i1] * a;
                u[o + x] = mask[o + x] * (top * (1 - b) + bottom * b);
            }
        }
        if (avoid != null) {
            Rectangle r = avoid.intersection(new Rectangle(0, 0, w, h));
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    u[y * w + x] = 0;
                }
            }
        }
        double energy = 0;
        for (float v : u) {
            energy += v * v;
        }
        energy /= u.length;
        double mseTarget = 255.0 * 255.0 / Math.pow(10, Tuning.PSNR_TARGET / 10);
        double gain = energy == 0 ? 0 : Math.min(Tuning.GAIN_MAX, Math.sqrt(mseTarget / energy));
        SsimModel model = new SsimModel(luma.y, u, w, h, 3);
        if (model.ssim(gain) < Tuning.SSIM_TARGET) {
            double lo = 0;
            double hi = gain;
            for (int i = 0; i < 14; i++) {
                double mid = (lo + hi) / 2;
                if (model.ssim(mid) >= Tuning.SSIM_TARGET) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            gain = lo;
        }
        // the output changes by round(g·u) (each 8-bit channel gets the same integer step): correct the gain so
        // that the PSNR of the rounded change meets the target too
        double mse = 0;
        for (int pass = 0; pass < 3; pass++) {
            mse = roundedEnergy(u, (float) gain);
            if (mse <= mseTarget || mse == 0) {
                break;
            }
            gain *= Math.sqrt(mseTarget / mse) * 0.995;
        }
        float g = (float) gain;
        for (int i = 0; i < u.length; i++) {
            u[i] *= g;
        }
        double psnr = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
        return new Result(u, k, gain, psnr, model.ssim(gain));
    }

    private static double roundedEnergy(float[] u, float g) {
        double e = 0;
        for (float v : u) {
            float d = Math.round(v * g);
            e += d * d;
        }
        return e / u.length;
    }

    /**
     * Texture mask: 1 in flat areas, growing with local activity (the RMS of a 5×5 high-pass in a 5×5 window, eroded
     * over 7×7 so that a lone edge in a flat area does not count as texture), capped, then smoothed.
     */
    static float[] mask(float[] y, int w, int h) {
        float[] mean = ImageOps.boxBlur(y, w, h, 2);
        float[] e = new float[w * h];
        for (int i = 0; i < e.length; i++) {
            float d = y[i] - mean[i];
            e[i] = d * d;
        }
        e = ImageOps.boxBlur(e, w, h, 2);
        e = ImageOps.minFilter(e, w, h, 3);
        float ref = (float) Tuning.ACTIVITY_REF;
        float cap = (float) Tuning.MASK_CAP;
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.min(cap, 1 + (float) Math.sqrt(Math.max(0, e[i])) / ref);
        }
        return ImageOps.boxBlur(e, w, h, 3);
    }

    /** Luma SSIM of x + g·u as a function of the gain g, from windowed moments computed once. */
    static final class SsimModel {
        private final float[] mx;
        private final float[] mu;
        private final float[] vx;
        private final float[] vu;
        private final float[] cxu;

        SsimModel(float[] x, float[] u, int w, int h, int stride) {
            int n = w * h;
            float[] xx = new float[n];
            float[] uu = new float[n];
            float[] xu = new float[n];
            for (int i = 0; i < n; i++) {
                xx[i] = x[i] * x[i];
                uu[i] = u[i] * u[i];
                xu[i] = x[i] * u[i];
            }
            mx = Quality.gaussStrided(x, w, h, stride);
            mu = Quality.gaussStrided(u, w, h, stride);
            vx = Quality.gaussStrided(xx, w, h, stride);
            vu = Quality.gaussStrided(uu, w, h, stride);
            cxu = Quality.gaussStrided(xu, w, h, stride);
            for (int i = 0; i < mx.length; i++) {
                vx[i] -= mx[i] * mx[i];
                vu[i] -= mu[i] * mu[i];
                cxu[i] -= mx[i] * mu[i];
            }
        }

        double ssim(double g) {
            double sum = 0;
            for (int i = 0; i < mx.length; i++) {
                double ux = mx[i];
                double uy = ux + g * mu[i];
                double sx = vx[i];
                double sxy = sx + g * cxu[i];
                double wv = g * g * vu[i];
                // rounding to 8 bits adds about 1/12 of variance where the change is not tiny
                double sy = sx + 2 * g * cxu[i] + wv + Math.min(1.0 / 12, wv);
                sum += ((2 * ux * uy + Quality.C1) * (2 * sxy + Quality.C2))
                        / ((ux * ux + uy * uy + Quality.C1) * (sx + sy + Quality.C2));
            }
            return sum / mx.length;
        }
    }
}
