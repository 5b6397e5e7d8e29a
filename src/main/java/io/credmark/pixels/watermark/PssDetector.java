package io.credmark.pixels.watermark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Blind detection: (1) estimate the tile lattice (period along x and y, so scale and aspect changes are absorbed)
 * from comb sums over the whitened power spectrum, (2) fold the image modulo the lattice into one tile, (3) find
 * the tile's offset by correlating with the keyed pilot, refine the lattice from the pilot's drift across the
 * image, (4) despread the payload chips into soft coded bits and Viterbi-decode them, (5) accept only when the
 * keyed CRC-32 matches.
 */
final class PssDetector {

    static final int WORK_MAX = 1024;
    static final int Q = 4;
    static final int G = PssLayout.T * Q;
    static final int CANDIDATES = (int) Tuning.d("candidates", 16);
    static final int DECODES = (int) Tuning.d("decodes", 3);
    static final int REFINED = (int) Tuning.d("refined", 8);
    static final boolean DEBUG = System.getProperty("wm.debug") != null;

    private final PssLayout layout;
    private final PayloadCodec codec;
    private final float[] pilotTemplate;
    private final double[] pilotRe;
    private final double[] pilotIm;
    private final Fft fftG = new Fft(G);
    private static final Fft FFT256 = new Fft(256);
    private static final Fft FFT512 = new Fft(512);

    private static Fft fft(int n) {
        return n == 256 ? FFT256 : n == 512 ? FFT512 : new Fft(n);
    }

    PssDetector(PssLayout layout, PayloadCodec codec) {
        this.layout = layout;
        this.codec = codec;
        pilotTemplate = render(layout.pilot());
        pilotRe = new double[G * G];
        pilotIm = new double[G * G];
        for (int i = 0; i < G * G; i++) {
            pilotRe[i] = pilotTemplate[i];
        }
        Fft.transform2d(pilotRe, pilotIm, G, G, fftG, fftG, false);
    }

    /** A lattice in working-grid pixels (axis-aligned: periods along x and y) and its spectral score. */
    record Lattice(double px, double py, double score) {
    }

    record Result(boolean found, long id, double pilotZ, int correctedErrors, double rawAccuracy,
                  double expectedAccuracy, Lattice lattice, int candidate) {
    }

    Result detect(LumaImage luma, byte[] expected) {
        long tStart = System.nanoTime();
        double f = Math.min(1.0, (double) WORK_MAX / Math.max(luma.width, luma.height));
        int ww = Math.max(1, (int) Math.round(luma.width * f));
        int wh = Math.max(1, (int) Math.round(luma.height * f));
        if (ww < 64 || wh < 64) {
            return new Result(false, 0, 0, 0, Double.NaN, Double.NaN, null, -1);
        }
        float[] work = f < 1 ? ImageOps.resample(luma.y, luma.width, luma.height, ww, wh) : luma.y;
        List<Lattice> lattices = lattices(work, ww, wh);
        if (System.getProperty("wm.truth") != null) {
            String[] t = System.getProperty("wm.truth").split("/");
            lattices = List.of(new Lattice(Double.parseDouble(t[0]), Double.parseDouble(t[1]), 0));
        }
        long tl = System.nanoTime();
        // the strongest lattice first; if it does not decode, rank the others by the pilot peak of a plain fold
        java.util.Map<Integer, float[]> filtered = new java.util.HashMap<>();
        Result best = null;
        if (lattices.isEmpty()) {
            return new Result(false, 0, 0, 0, Double.NaN, Double.NaN, null, -1);
        }
        Lattice first = lattices.get(0);
        best = decodeAt(filtered.computeIfAbsent(prefilterRadius(first), k -> prefilter(work, ww, wh, k)), ww, wh,
                first, expected, 0);
        if (best.found) {
            return best;
        }
        List<double[]> ranked = new ArrayList<>();
        for (int i = 1; i < lattices.size(); i++) {
            Lattice l = lattices.get(i);
            float[] r = filtered.computeIfAbsent(prefilterRadius(l), k -> prefilter(work, ww, wh, k));
            double z = pilotPeak(foldSparse(r, ww, wh, l.px, l.py, ww * wh > 400_000 ? 2 : 1), null).z;
            ranked.add(new double[] {z, i});
        }
        ranked.sort((a, b) -> Double.compare(b[0], a[0]));
        if (DEBUG) {
            System.err.printf("  lattices %.1f ms, ranking %.1f ms%n", (tl - tStart) / 1e6, (System.nanoTime() - tl) / 1e6);
        }
        for (int n = 0; n < Math.min(DECODES - 1, ranked.size()); n++) {
            Lattice l = lattices.get((int) ranked.get(n)[1]);
            Result r = decodeAt(filtered.get(prefilterRadius(l)), ww, wh, l, expected, n + 1);
            if (r.found) {
                return r;
            }
            if (r.pilotZ > best.pilotZ) {
                best = r;
            }
        }
        return best;
    }

    private static int prefilterRadius(Lattice l) {
        return Math.max(1, (int) Math.round(0.75 * Math.min(l.px, l.py) / PssLayout.T));
    }

    private static float[] prefilter(float[] work, int ww, int wh, int rMean) {
        return normalizedHighPass(work, ww, wh, rMean, Math.max(3, 3 * rMean));
    }

    // ---------------------------------------------------------------------------------------------- lattice search

    List<Lattice> lattices(float[] work, int ww, int wh) {
        int nx = ww > 362 ? 512 : 256;
        int ny = wh > 362 ? 512 : 256;
        float[] s = ImageOps.resample(work, ww, wh, nx, ny);
        float[] r = normalizedHighPass(s, nx, ny, 1, 4);
        double[] re = new double[nx * ny];
        double[] wx = tukey(nx, 0.1);
        double[] wy = tukey(ny, 0.1);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                re[y * nx + x] = r[y * nx + x] * wx[x] * wy[y];
            }
        }
        long t0 = System.nanoTime();
        double[] p = Fft.powerSpectrum(re, nx, ny, fft(nx), fft(ny));
        long t1 = System.nanoTime();
        double[] pw = whiten(p, nx, ny, 4);
        // one-dimensional projections (lines away from the other axis), standardised
        double[] qx = new double[nx / 2 + 1];
        double[] qy = new double[ny / 2 + 1];
        for (int fy = 0; fy < ny; fy++) {
            int afy = Math.min(fy, ny - fy);
            for (int fx = 0; fx <= nx / 2; fx++) {
                int afx = fx;
                double v = pw[fy * nx + fx];
                if (afy > 1) {
                    qx[fx] += v;
                }
                if (afx > 1) {
                    qy[afy] += fx == 0 || fx == nx / 2 ? v : 2 * v;
                }
            }
        }
        standardise(qx, 4);
        standardise(qy, 4);
        double pMin = 20;
        double pxMax = Math.min(nx / 2.5, 220);
        double pyMax = Math.min(ny / 2.5, 220);
        List<double[]> pairs = new ArrayList<>();
        for (double[] a : periodCandidates(qx, nx, pMin, pxMax, 6)) {
            double[] prof = profile(pw, nx, ny, nx / a[0], true);
            standardise(prof, 4);
            for (double[] b : periodCandidates(prof, ny, pMin, pyMax, 2)) {
                pairs.add(new double[] {a[0], b[0]});
            }
        }
        for (double[] b : periodCandidates(qy, ny, pMin, pyMax, 6)) {
            double[] prof = profile(pw, nx, ny, ny / b[0], false);
            standardise(prof, 4);
            for (double[] a : periodCandidates(prof, nx, pMin, pxMax, 2)) {
                pairs.add(new double[] {a[0], b[0]});
            }
        }
        long t2 = System.nanoTime();
        List<Lattice> out = new ArrayList<>();
        List<double[]> seen = new ArrayList<>();
        for (double[] pair : pairs) {
            if (!near(seen, pair[0], pair[1], 0.015)) {
                seen.add(new double[] {pair[0], pair[1], comb2d(pw, nx, ny, nx / pair[0], ny / pair[1])});
            }
        }
        seen.sort((a, b) -> Double.compare(b[2], a[2]));
        for (double[] pair : seen.subList(0, Math.min(REFINED, seen.size()))) {
            double[] refined = refine(pw, nx, ny, pair[0], pair[1]);
            Lattice l = new Lattice(refined[0] * ww / nx, refined[1] * wh / ny, refined[2]);
            boolean dup = false;
            for (Lattice o : out) {
                dup |= Math.abs(o.px / l.px - 1) < 0.004 && Math.abs(o.py / l.py - 1) < 0.004;
            }
            if (!dup) {
                out.add(l);
            }
        }
        out.sort(Comparator.comparingDouble(Lattice::score).reversed());
        long t3 = System.nanoTime();
        if (DEBUG) {
            System.err.printf("  fft %.1f ms, spectrum+candidates %.1f ms, refine %d pairs %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, seen.size(), (t3 - t2) / 1e6);
            StringBuilder sb = new StringBuilder("  lat:");
            for (Lattice l : out) {
                sb.append(String.format(" %.1f/%.1f(%.1f)", l.px, l.py, l.score));
            }
            System.err.println(sb);
        }
        // the comb cannot always tell a period from its double or half: add those variants of the best few
        List<Lattice> list = new ArrayList<>(out.subList(0, Math.min(3, out.size())));
        double minPx = 20.0 * ww / nx;
        double minPy = 20.0 * wh / ny;
        for (Lattice l : out.subList(0, Math.min(3, out.size()))) {
            double[][] variants = {{0.5, 1}, {2, 1}, {1, 0.5}, {1, 2}, {0.5, 0.5}, {2, 2}};
            for (double[] v : variants) {
                double px = l.px * v[0];
                double py = l.py * v[1];
                if (px >= minPx && py >= minPy && px <= ww / 1.5 && py <= wh / 1.5) {
                    addUnique(list, new Lattice(px, py, l.score * 0.5));
                }
            }
        }
        for (Lattice l : out) {
            addUnique(list, l);
        }
        return list.subList(0, Math.min(CANDIDATES, list.size()));
    }

    private static void addUnique(List<Lattice> list, Lattice l) {
        for (Lattice o : list) {
            if (Math.abs(o.px / l.px - 1) < 0.004 && Math.abs(o.py / l.py - 1) < 0.004) {
                return;
            }
        }
        list.add(l);
    }

    private static boolean near(List<double[]> seen, double px, double py, double tol) {
        for (double[] s : seen) {
            if (Math.abs(s[0] / px - 1) < tol && Math.abs(s[1] / py - 1) < tol) {
                return true;
            }
        }
        return false;
    }

    /**
     * Given the spacing {@code a} of the lattice columns (rows when {@code columns} is false), sums the whitened
     * spectrum over those columns only, as a function of the other frequency coordinate.
     */
    private static double[] profile(double[] pw, int nx, int ny, double a, boolean columns) {
        int n = columns ? nx : ny;
        int other = columns ? ny : nx;
        int m = (int) Math.min(PssLayout.T * 0.9, n * 0.45 / a);
        double[] out = new double[other / 2 + 1];
        for (int f = 0; f <= other / 2; f++) {
            double sum = 0;
            for (int k = -m; k <= m; k++) {
                if (k == 0) {
                    continue;
                }
                double pos = k * a;
                sum += columns ? bilinear(pw, nx, ny, pos, f) : bilinear(pw, nx, ny, f, pos < 0 ? pos + ny : pos);
            }
            out[f] = sum;
        }
        return out;
    }

    /** Best local maxima (by comb score over a projection or profile) among periods on a log grid. */
    private static List<double[]> periodCandidates(double[] q, int n, double pMin, double pMax, int count) {
        int steps = (int) Math.ceil(Math.log(pMax / pMin) / Math.log(1.003));
        double[] score = new double[steps + 1];
        double[] period = new double[steps + 1];
        int fmax = (int) (n * 0.45);
        for (int i = 0; i <= steps; i++) {
            double per = pMin * Math.pow(1.003, i);
            double a = n / per;
            int m = (int) Math.min(PssLayout.T * 0.9, fmax / a);
            double sum = 0;
            for (int k = 1; k <= m; k++) {
                double fpos = k * a;
                int i0 = (int) fpos;
                sum += Math.max(q[i0], q[Math.min(i0 + 1, q.length - 1)]);
            }
            period[i] = per;
            score[i] = m == 0 ? 0 : sum / Math.sqrt(m);
        }
        List<double[]> peaks = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            boolean max = true;
            for (int j = Math.max(0, i - 7); j <= Math.min(steps, i + 7) && max; j++) {
                if (score[j] > score[i]) {
                    max = false;
                }
            }
            if (max) {
                peaks.add(new double[] {period[i], score[i]});
            }
        }
        peaks.sort((a, b) -> Double.compare(b[1], a[1]));
        List<double[]> out = new ArrayList<>();
        for (double[] p : peaks) {
            boolean close = false;
            for (double[] o : out) {
                close |= Math.abs(o[0] / p[0] - 1) < 0.03;
            }
            if (!close) {
                out.add(p);
            }
            if (out.size() == count) {
                break;
            }
        }
        return out;
    }

    /** Coordinate ascent of the two-dimensional comb score around (px, py); returns {px, py, score}. */
    private static double[] refine(double[] pw, int nx, int ny, double px, double py) {
        double ax = nx / px;
        double ay = ny / py;
        double best = comb2d(pw, nx, ny, ax, ay);
        for (double step : new double[] {0.004, 0.0015, 0.0005, 0.0002}) {
            for (int axis = 0; axis < 2; axis++) {
                double base = axis == 0 ? ax : ay;
                double bestV = base;
                for (int k = -2; k <= 2; k++) {
                    if (k == 0) {
                        continue;
                    }
                    double v = base * (1 + k * step);
                    double s = axis == 0 ? comb2d(pw, nx, ny, v, ay) : comb2d(pw, nx, ny, ax, v);
                    if (s > best) {
                        best = s;
                        bestV = v;
                    }
                }
                if (axis == 0) {
                    ax = bestV;
                } else {
                    ay = bestV;
                }
            }
        }
        return new double[] {nx / ax, ny / ay, best};
    }

    /** Sum of the whitened spectrum at the lattice lines (m·ax, n·ay) in the upper half plane, standardised. */
    private static double comb2d(double[] pw, int nx, int ny, double ax, double ay) {
        int mx = (int) Math.min(PssLayout.T * 0.9, nx * 0.45 / ax);
        int my = (int) Math.min(PssLayout.T * 0.9, ny * 0.45 / ay);
        double sum = 0;
        int count = 0;
        for (int n = 0; n <= my; n++) {
            for (int m = -mx; m <= mx; m++) {
                if (n == 0 && m <= 0) {
                    continue;
                }
                sum += bilinear(pw, nx, ny, m * ax, n * ay);
                count++;
            }
        }
        return count == 0 ? 0 : (sum - count) / Math.sqrt(count);
    }

    private static double bilinear(double[] p, int nx, int ny, double fx, double fy) {
        double x = fx < 0 ? fx + nx : fx;
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(fy);
        double a = x - x0;
        double b = fy - y0;
        int x1 = (x0 + 1) % nx;
        int y1 = (y0 + 1) % ny;
        x0 %= nx;
        y0 %= ny;
        return (p[y0 * nx + x0] * (1 - a) + p[y0 * nx + x1] * a) * (1 - b)
                + (p[y1 * nx + x0] * (1 - a) + p[y1 * nx + x1] * a) * b;
    }

    /** Divides each bin by the mean of its (2r+1)² neighbourhood (wrapping), so the background is about 1. */
    private static double[] whiten(double[] p, int nx, int ny, int r) {
        double[] tmp = new double[p.length];
        for (int y = 0; y < ny; y++) {
            double s = 0;
            for (int k = -r; k <= r; k++) {
                s += p[y * nx + Math.floorMod(k, nx)];
            }
            for (int x = 0; x < nx; x++) {
                tmp[y * nx + x] = s;
                s += p[y * nx + (x + r + 1) % nx] - p[y * nx + Math.floorMod(x - r, nx)];
            }
        }
        double[] out = new double[p.length];
        double norm = (2 * r + 1) * (2 * r + 1);
        for (int x = 0; x < nx; x++) {
            double s = 0;
            for (int k = -r; k <= r; k++) {
                s += tmp[Math.floorMod(k, ny) * nx + x];
            }
            for (int y = 0; y < ny; y++) {
                double mean = s / norm;
                out[y * nx + x] = mean > 0 ? p[y * nx + x] / mean : 0;
                s += tmp[((y + r + 1) % ny) * nx + x] - tmp[Math.floorMod(y - r, ny) * nx + x];
            }
        }
        out[0] = 0;
        return out;
    }

    private static void standardise(double[] q, int from) {
        double s = 0;
        double s2 = 0;
        int n = 0;
        for (int i = from; i < q.length; i++) {
            s += q[i];
            s2 += q[i] * q[i];
            n++;
        }
        double mean = s / n;
        double sd = Math.sqrt(Math.max(1e-12, s2 / n - mean * mean));
        for (int i = 0; i < q.length; i++) {
            q[i] = i < from ? 0 : (q[i] - mean) / sd;
        }
    }

    private static double[] tukey(int n, double alpha) {
        double[] w = new double[n];
        int edge = (int) (alpha * n / 2);
        for (int i = 0; i < n; i++) {
            int d = Math.min(i, n - 1 - i);
            w[i] = d >= edge ? 1 : 0.5 * (1 - Math.cos(Math.PI * d / edge));
        }
        return w;
    }

    /** (y − box mean of radius rMean) / (local RMS over radius rNorm + 1), clipped to ±3. */
    static float[] normalizedHighPass(float[] y, int w, int h, int rMean, int rNorm) {
        float[] mean = ImageOps.boxBlur(y, w, h, rMean);
        float[] r = new float[w * h];
        float[] e = new float[w * h];
        for (int i = 0; i < r.length; i++) {
            r[i] = y[i] - mean[i];
            e[i] = r[i] * r[i];
        }
        e = ImageOps.boxBlur(e, w, h, rNorm);
        for (int i = 0; i < r.length; i++) {
            float v = r[i] / ((float) Math.sqrt(Math.max(0, e[i])) + 1f);
            r[i] = v > 3 ? 3 : v < -3 ? -3 : v;
        }
        return r;
    }

    // ------------------------------------------------------------------------------------ fold, pilot and payload

    private Result decodeAt(float[] r, int ww, int wh, Lattice l, byte[] expected, int candidate) {
        double px = l.px;
        double py = l.py;
        // fold into halves to measure drift, then correct the periods once
        double[][] halves = fold(r, ww, wh, px, py, true);
        int[] off = pilotPeak(halves[0], null).offset;
        double dLeftRight = subBinDrift(halves[1], halves[2], off, true);
        double dTopBottom = subBinDrift(halves[3], halves[4], off, false);
        px = correct(px, dLeftRight, ww / 2.0);
        py = correct(py, dTopBottom, wh / 2.0);
        double[] folded = fold(r, ww, wh, px, py, false)[0];
        Peak peak = pilotPeak(folded, null);
        double[] soft = despread(folded, peak.subOffsetX, peak.subOffsetY);
        PayloadCodec.Decoded d = codec.decode(soft);
        double raw = agreement(soft, d.codeword());
        double vsExpected = expected == null ? Double.NaN : agreement(soft, expected);
        return new Result(d.valid(), d.id(), peak.z, d.correctedErrors(), raw, vsExpected,
                new Lattice(px, py, l.score), candidate);
    }

    private static double correct(double period, double driftBins, double distance) {
        // phase (in tiles) at x: x / period; a drift of d bins over distance D means 1/P' = 1/P - d / (G D)
        double inv = 1 / period - driftBins / (G * distance);
        return inv > 0 ? 1 / inv : period;
    }

    /** Folds every {@code step}-th row and column of r modulo (px, py): a cheaper fold for ranking lattices. */
    private static double[] foldSparse(float[] r, int w, int h, double px, double py, int step) {
        double[] acc = new double[G * G];
        int n = (w + step - 1) / step;
        int[] bx = new int[n];
        for (int i = 0; i < n; i++) {
            double u = i * step / px;
            bx[i] = (int) ((u - Math.floor(u)) * G) % G;
        }
        for (int y = 0; y < h; y += step) {
            double v = y / py;
            int row = ((int) ((v - Math.floor(v)) * G) % G) * G;
            int o = y * w;
            for (int i = 0; i < n; i++) {
                acc[row + bx[i]] += r[o + i * step];
            }
        }
        return acc;
    }

    /** Folds r modulo (px, py): [0] whole image and, with {@code halves}, [1] left, [2] right, [3] top, [4] bottom. */
    private static double[][] fold(float[] r, int w, int h, double px, double py, boolean halves) {
        double[][] acc = new double[halves ? 5 : 1][G * G];
        int[] bx = new int[w];
        for (int x = 0; x < w; x++) {
            double u = x / px;
            bx[x] = (int) ((u - Math.floor(u)) * G) % G;
        }
        double[] whole = acc[0];
        for (int y = 0; y < h; y++) {
            double v = y / py;
            int by = (int) ((v - Math.floor(v)) * G) % G;
            int row = by * G;
            int o = y * w;
            if (!halves) {
                for (int x = 0; x < w; x++) {
                    whole[row + bx[x]] += r[o + x];
                }
                continue;
            }
            double[] vert = y < h / 2 ? acc[3] : acc[4];
            for (int x = 0; x < w; x++) {
                float val = r[o + x];
                int bin = row + bx[x];
                whole[bin] += val;
                vert[bin] += val;
                (x < w / 2 ? acc[1] : acc[2])[bin] += val;
            }
        }
        return acc;
    }

    private record Peak(int[] offset, double subOffsetX, double subOffsetY, double z) {
    }

    /** Cyclic correlation with the pilot; peak (optionally restricted to ±8 bins around {@code near}). */
    private Peak pilotPeak(double[] folded, int[] near) {
        double[] re = folded.clone();
        double[] im = new double[G * G];
        Fft.transform2d(re, im, G, G, fftG, fftG, false);
        for (int i = 0; i < G * G; i++) {
            // F · conj(P): correlation c(o) = sum_b F(b + o) P(b)
            double a = re[i];
            double b = im[i];
            re[i] = a * pilotRe[i] + b * pilotIm[i];
            im[i] = b * pilotRe[i] - a * pilotIm[i];
        }
        Fft.transform2d(re, im, G, G, fftG, fftG, true);
        int best = -1;
        for (int i = 0; i < re.length; i++) {
            if (near != null) {
                int dx = Math.floorMod(i % G - near[0] + G / 2, G) - G / 2;
                int dy = Math.floorMod(i / G - near[1] + G / 2, G) - G / 2;
                if (Math.abs(dx) > 8 || Math.abs(dy) > 8) {
                    continue;
                }
            }
            if (best < 0 || re[i] > re[best]) {
                best = i;
            }
        }
        // noise statistics away from the peak's own lobe
        double s = 0;
        double s2 = 0;
        int n = 0;
        for (int i = 0; i < re.length; i++) {
            int dx = Math.floorMod(i % G - best % G + G / 2, G) - G / 2;
            int dy = Math.floorMod(i / G - best / G + G / 2, G) - G / 2;
            if (Math.abs(dx) <= 2 * Q && Math.abs(dy) <= 2 * Q) {
                continue;
            }
            s += re[i];
            s2 += re[i] * re[i];
            n++;
        }
        double mean = s / n;
        double sd = Math.sqrt(Math.max(1e-30, s2 / n - mean * mean));
        int ox = best % G;
        int oy = best / G;
        double sx = ox + parabola(re[oy * G + (ox + G - 1) % G], re[best], re[oy * G + (ox + 1) % G]);
        double sy = oy + parabola(re[((oy + G - 1) % G) * G + ox], re[best], re[((oy + 1) % G) * G + ox]);
        return new Peak(new int[] {ox, oy}, sx, sy, (re[best] - mean) / sd);
    }

    private static double parabola(double l, double c, double r) {
        double d = l - 2 * c + r;
        if (d >= 0) {
            return 0;
        }
        double o = 0.5 * (l - r) / d;
        return Math.max(-0.5, Math.min(0.5, o));
    }

    private double subBinDrift(double[] a, double[] b, int[] near, boolean horizontal) {
        Peak pa = pilotPeak(a, near);
        Peak pb = pilotPeak(b, near);
        double d = horizontal ? pb.subOffsetX - pa.subOffsetX : pb.subOffsetY - pa.subOffsetY;
        return d - G * Math.rint(d / G);
    }

    /** Soft coded bits: each payload chip's tent-weighted sum in the folded tile, times its sign, per coded bit. */
    private double[] despread(double[] folded, double ox, double oy) {
        int t = PssLayout.T;
        double[] soft = new double[PayloadCodec.CODED_BITS];
        for (int j = 0; j < t; j++) {
            for (int i = 0; i < t; i++) {
                int chip = j * t + i;
                int bit = layout.role[chip];
                if (bit < 0) {
                    continue;
                }
                // chip centre in bins: folded bin b holds tile coordinate (b - o + 0.5) / Q chips
                double cx = i * Q + ox - 0.5;
                double cy = j * Q + oy - 0.5;
                double sum = 0;
                int x0 = (int) Math.ceil(cx - Q);
                int y0 = (int) Math.ceil(cy - Q);
                for (int by = y0; by < cy + Q; by++) {
                    double wy = 1 - Math.abs(by - cy) / Q;
                    if (wy <= 0) {
                        continue;
                    }
                    int row = Math.floorMod(by, G) * G;
                    for (int bx = x0; bx < cx + Q; bx++) {
                        double wx = 1 - Math.abs(bx - cx) / Q;
                        if (wx <= 0) {
                            continue;
                        }
                        sum += wx * wy * folded[row + Math.floorMod(bx, G)];
                    }
                }
                soft[bit] += layout.sign[chip] * sum;
            }
        }
        double s2 = 0;
        for (double v : soft) {
            s2 += v * v;
        }
        double norm = Math.sqrt(s2 / soft.length);
        if (norm > 0) {
            for (int i = 0; i < soft.length; i++) {
                soft[i] /= norm;
            }
        }
        return soft;
    }

    private static double agreement(double[] soft, byte[] codeword) {
        int ok = 0;
        for (int i = 0; i < soft.length; i++) {
            if ((soft[i] > 0 ? 1 : 0) == codeword[i]) {
                ok++;
            }
        }
        return (double) ok / soft.length;
    }

    /** The chip array rendered on the G×G fold grid: bin b holds tile coordinate (b + 0.5) / Q chips. */
    static float[] render(float[] chips) {
        float[] out = new float[G * G];
        for (int by = 0; by < G; by++) {
            for (int bx = 0; bx < G; bx++) {
                out[by * G + bx] = PssLayout.sample(chips, (bx + 0.5) / Q, (by + 0.5) / Q);
            }
        }
        return out;
    }
}
