package io.credmark.pixels.watermark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Blind detection: (1) estimate the tile lattice (periods along two axes, so scale and aspect changes are absorbed,
 * and, when the upright search fails, a small rotation) from comb sums over the whitened power spectrum; (2) fold
 * the image modulo the lattice into one tile; (3) find the tile's offset by correlating with the keyed pilot and
 * correct the lattice from the pilot's drift across the image; (4) despread the payload chips into soft coded bits
 * and Viterbi-decode them; (5) accept only when the keyed CRC-32 matches.
 */
final class PssDetector {

    static final int WORK_MAX = 1024;
    static final int Q = 4;
    static final int G = PssLayout.T * Q;
    /** Lattice candidates kept, upright decode attempts, and period pairs refined. */
    static final int CANDIDATES = 16;
    static final int DECODES = 3;
    static final int REFINED = 8;
    /** Largest rotation searched, in degrees, when the upright search finds nothing (0 disables). */
    static final double MAX_ROTATION = 3;
    private static final double PERIOD_MIN = 20;

    private final PssLayout layout;
    private final PayloadCodec codec;
    private final double[] pilotRe;
    private final double[] pilotIm;
    private final Fft fftG = new Fft(G);
    private static final Fft FFT256 = new Fft(256);
    private static final Fft FFT512 = new Fft(512);

    PssDetector(PssLayout layout, PayloadCodec codec) {
        this.layout = layout;
        this.codec = codec;
        float[] pilot = render(layout.pilot());
        pilotRe = new double[G * G];
        pilotIm = new double[G * G];
        for (int i = 0; i < G * G; i++) {
            pilotRe[i] = pilot[i];
        }
        Fft.transform2d(pilotRe, pilotIm, G, G, fftG, fftG, false);
    }

    private static Fft fft(int n) {
        return n == 256 ? FFT256 : n == 512 ? FFT512 : new Fft(n);
    }

    /**
     * A lattice in working-grid pixels: periods px and py along axes rotated by theta (radians), so the tile phase
     * of pixel (x, y) is u = (x cos θ + y sin θ) / px, v = (−x sin θ + y cos θ) / py.
     */
    record Lattice(double px, double py, double theta, double score) {
        Phase phase() {
            double c = Math.cos(theta);
            double s = Math.sin(theta);
            return new Phase(c / px, s / px, -s / py, c / py);
        }
    }

    /** Tile phase (in tiles) as a linear map of the working-grid position: u = a·x + b·y, v = c·x + d·y. */
    record Phase(double a, double b, double c, double d) {
    }

    record Result(boolean found, long id, double pilotZ, int correctedErrors, double rawAccuracy,
                  double expectedAccuracy, Lattice lattice, int candidate) {
        static Result none() {
            return new Result(false, 0, 0, 0, Double.NaN, Double.NaN, null, -1);
        }
    }

    Result detect(LumaImage luma, byte[] expected) {
        double f = Math.min(1.0, (double) WORK_MAX / Math.max(luma.width, luma.height));
        int ww = Math.max(1, (int) Math.round(luma.width * f));
        int wh = Math.max(1, (int) Math.round(luma.height * f));
        if (ww < 64 || wh < 64) {
            return Result.none();
        }
        float[] work = f < 1 ? ImageOps.resample(luma.y, luma.width, luma.height, ww, wh) : luma.y;
        Spectrum spectrum = Spectrum.of(work, ww, wh);
        Map<Integer, float[]> filtered = new HashMap<>();
        List<Lattice> upright = spectrum.lattices(0);
        Result best = search(upright, work, ww, wh, filtered, expected, DECODES);
        if (best.found || MAX_ROTATION <= 0) {
            return best;
        }
        // upright search failed: look for a small rotation. Seeds: the angle estimated on the spectrum and the
        // angles to which the best upright lattices turn; at each seed the candidate search runs on the rotated
        // spectrum, and once more at the angle its best lattice refines to (a rough angle finds one period right
        // and refines the angle, the exact angle then finds the other period)
        double max = Math.toRadians(MAX_ROTATION);
        List<Double> seeds = new ArrayList<>();
        seeds.add(spectrum.bestRotation(max));
        for (Lattice l : upright.subList(0, Math.min(2, upright.size()))) {
            seeds.add(spectrum.turn(l, max).theta);
        }
        List<Lattice> turned = new ArrayList<>();
        List<Double> tried = new ArrayList<>();
        for (double seed : seeds) {
            double theta = seed;
            for (int pass = 0; pass < 2; pass++) {
                if (Math.abs(theta) < Math.toRadians(0.2) || isNear(tried, theta)) {
                    break;
                }
                tried.add(theta);
                List<Lattice> found = spectrum.lattices(theta);
                for (Lattice l : found.subList(0, Math.min(2, found.size()))) {
                    addUnique(turned, l);
                }
                theta = found.isEmpty() ? 0 : found.get(0).theta;
            }
        }
        turned.sort(Comparator.comparingDouble(Lattice::score).reversed());
        Result rotated = search(turned, work, ww, wh, filtered, expected, 2);
        return rotated.found || rotated.pilotZ > best.pilotZ ? rotated : best;
    }

    private static boolean isNear(List<Double> tried, double theta) {
        for (double t : tried) {
            if (Math.abs(t - theta) < Math.toRadians(0.1)) {
                return true;
            }
        }
        return false;
    }

    /** Decodes the strongest lattice; if that fails, ranks the others by the pilot peak of a sparse fold. */
    private Result search(List<Lattice> lattices, float[] work, int ww, int wh, Map<Integer, float[]> filtered,
                          byte[] expected, int decodes) {
        if (lattices.isEmpty()) {
            return Result.none();
        }
        Lattice first = lattices.get(0);
        Result best = decodeAt(filter(filtered, first, work, ww, wh), ww, wh, first, expected, 0);
        if (best.found) {
            return best;
        }
        List<double[]> ranked = new ArrayList<>();
        int step = ww * wh > 400_000 ? 2 : 1;
        for (int i = 1; i < lattices.size(); i++) {
            Lattice l = lattices.get(i);
            double z = pilotPeak(fold(filter(filtered, l, work, ww, wh), ww, wh, l.phase(), step, false)[0], null).z;
            ranked.add(new double[] {z, i});
        }
        ranked.sort((a, b) -> Double.compare(b[0], a[0]));
        for (int n = 0; n < Math.min(decodes - 1, ranked.size()); n++) {
            Lattice l = lattices.get((int) ranked.get(n)[1]);
            Result r = decodeAt(filter(filtered, l, work, ww, wh), ww, wh, l, expected, n + 1);
            if (r.found) {
                return r;
            }
            if (r.pilotZ > best.pilotZ) {
                best = r;
            }
        }
        return best;
    }

    private static float[] filter(Map<Integer, float[]> cache, Lattice l, float[] work, int ww, int wh) {
        int radius = Math.max(1, (int) Math.round(0.75 * Math.min(l.px, l.py) / PssLayout.T));
        return cache.computeIfAbsent(radius, k -> normalizedHighPass(work, ww, wh, k, Math.max(3, 3 * k)));
    }

    // ---------------------------------------------------------------------------------------------- lattice search

    /**
     * Whitened power spectrum of the working plane on a 256/512 grid per axis. Frequencies are addressed in bins of
     * that grid; a rotation by θ of the image's lattice rotates its lines in working-space frequency, which in bins
     * (anisotropic when the grid's two scales differ) is fx = c·x' − s·r·y', fy = s·x'/r + c·y' with r = ww/wh.
     */
    static final class Spectrum {
        final double[] pw;
        final int nx;
        final int ny;
        final int ww;
        final int wh;

        private Spectrum(double[] pw, int nx, int ny, int ww, int wh) {
            this.pw = pw;
            this.nx = nx;
            this.ny = ny;
            this.ww = ww;
            this.wh = wh;
        }

        static Spectrum of(float[] work, int ww, int wh) {
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
            double[] p = Fft.powerSpectrum(re, nx, ny, fft(nx), fft(ny));
            return new Spectrum(whiten(p, nx, ny, 4), nx, ny, ww, wh);
        }

        /** Whitened power at bin (fx, fy) of a lattice rotated by (cos, sin); bilinear, using P(−f) = P(f). */
        double at(double fx, double fy, double c, double s) {
            double r = (double) ww / wh;
            double x = c * fx - s * r * fy;
            double y = s * fx / r + c * fy;
            return bilinear(pw, nx, ny, x, y);
        }

        /** Candidate lattices for rotation θ, best comb score first, with half/double variants of the best. */
        List<Lattice> lattices(double theta) {
            double c = Math.cos(theta);
            double s = Math.sin(theta);
            // projections of the whitened spectrum on the two (rotated) axes; near the other axis only when rotated,
            // where a band keeps the lines' sideways drift small
            int bandY = theta == 0 ? ny / 2 : Math.min(ny / 2, 48);
            int bandX = theta == 0 ? nx / 2 : Math.min(nx / 2, 48);
            double[] qx = new double[nx / 2 + 1];
            double[] qy = new double[ny / 2 + 1];
            for (int fy = -bandY; fy <= bandY; fy++) {
                if (Math.abs(fy) <= 1) {
                    continue;
                }
                for (int fx = 0; fx <= nx / 2; fx++) {
                    qx[fx] += theta == 0 ? pw[Math.floorMod(fy, ny) * nx + fx] : at(fx, fy, c, s);
                }
            }
            for (int fx = -bandX; fx <= bandX; fx++) {
                if (Math.abs(fx) <= 1) {
                    continue;
                }
                for (int fy = 0; fy <= ny / 2; fy++) {
                    qy[fy] += theta == 0 ? pw[fy * nx + Math.floorMod(fx, nx)] : at(fx, fy, c, s);
                }
            }
            standardise(qx, 4);
            standardise(qy, 4);
            double pxMax = Math.min(nx / 2.5, 220);
            double pyMax = Math.min(ny / 2.5, 220);
            List<double[]> pairs = new ArrayList<>();
            for (double[] a : periodCandidates(qx, nx, PERIOD_MIN, pxMax, 6)) {
                double[] prof = profile(nx / a[0], true, c, s);
                standardise(prof, 4);
                for (double[] b : periodCandidates(prof, ny, PERIOD_MIN, pyMax, 2)) {
                    pairs.add(new double[] {a[0], b[0]});
                }
            }
            for (double[] b : periodCandidates(qy, ny, PERIOD_MIN, pyMax, 6)) {
                double[] prof = profile(ny / b[0], false, c, s);
                standardise(prof, 4);
                for (double[] a : periodCandidates(prof, nx, PERIOD_MIN, pxMax, 2)) {
                    pairs.add(new double[] {a[0], b[0]});
                }
            }
            List<double[]> seen = new ArrayList<>();
            for (double[] pair : pairs) {
                if (!near(seen, pair[0], pair[1], 0.015)) {
                    seen.add(new double[] {pair[0], pair[1], comb(nx / pair[0], ny / pair[1], c, s)});
                }
            }
            seen.sort((a, b) -> Double.compare(b[2], a[2]));
            List<Lattice> out = new ArrayList<>();
            for (double[] pair : seen.subList(0, Math.min(REFINED, seen.size()))) {
                Lattice l = refine(pair[0], pair[1], theta);
                addUnique(out, l);
            }
            out.sort(Comparator.comparingDouble(Lattice::score).reversed());
            // the comb cannot always tell a period from its double or half: add those variants of the best few
            List<Lattice> list = new ArrayList<>(out.subList(0, Math.min(3, out.size())));
            double minPx = PERIOD_MIN * ww / nx;
            double minPy = PERIOD_MIN * wh / ny;
            for (Lattice l : out.subList(0, Math.min(3, out.size()))) {
                double[][] variants = {{0.5, 1}, {2, 1}, {1, 0.5}, {1, 2}, {0.5, 0.5}, {2, 2}};
                for (double[] v : variants) {
                    double px = l.px * v[0];
                    double py = l.py * v[1];
                    if (px >= minPx && py >= minPy && px <= ww / 1.5 && py <= wh / 1.5) {
                        addUnique(list, new Lattice(px, py, l.theta, l.score * 0.5));
                    }
                }
            }
            for (Lattice l : out) {
                addUnique(list, l);
            }
            return list.subList(0, Math.min(CANDIDATES, list.size()));
        }

        /**
         * The rotation (within ±max) whose rotated axis projections show the strongest comb: a cheap scan in 0.25°
         * steps over projections restricted to a band around each axis.
         */
        double bestRotation(double max) {
            double coarse = scanRotation(0, max, 0.25, 32);
            double fine = scanRotation(coarse, Math.toRadians(0.4), 0.05, 96);
            return fine;
        }

        /** Scans rotations centre ± range in {@code stepDeg} steps, scoring the comb of band-limited projections. */
        private double scanRotation(double centre, double range, double stepDeg, int band) {
            double best = centre;
            double bestScore = Double.NEGATIVE_INFINITY;
            int steps = (int) Math.round(Math.toDegrees(range) / stepDeg);
            for (int i = -steps; i <= steps; i++) {
                double theta = centre + Math.toRadians(i * stepDeg);
                double c = Math.cos(theta);
                double s = Math.sin(theta);
                double[] qx = new double[nx / 2 + 1];
                double[] qy = new double[ny / 2 + 1];
                int bx = Math.min(band, nx / 2 - 1);
                int by = Math.min(band, ny / 2 - 1);
                for (int fy = -by; fy <= by; fy++) {
                    if (Math.abs(fy) <= 1) {
                        continue;
                    }
                    for (int fx = 4; fx <= nx / 2; fx++) {
                        qx[fx] += at(fx, fy, c, s);
                    }
                }
                for (int fx = -bx; fx <= bx; fx++) {
                    if (Math.abs(fx) <= 1) {
                        continue;
                    }
                    for (int fy = 4; fy <= ny / 2; fy++) {
                        qy[fy] += at(fx, fy, c, s);
                    }
                }
                standardise(qx, 4);
                standardise(qy, 4);
                double score = periodCandidates(qx, nx, PERIOD_MIN, Math.min(nx / 2.5, 220), 1).get(0)[1]
                        + periodCandidates(qy, ny, PERIOD_MIN, Math.min(ny / 2.5, 220), 1).get(0)[1];
                if (score > bestScore) {
                    bestScore = score;
                    best = theta;
                }
            }
            return best;
        }

        /**
         * Given the spacing {@code a} of the lattice columns (rows when {@code columns} is false), sums the whitened
         * spectrum over those columns only, as a function of the other frequency coordinate.
         */
        private double[] profile(double a, boolean columns, double c, double s) {
            int n = columns ? nx : ny;
            int other = columns ? ny : nx;
            int m = (int) Math.min(PssLayout.T * 0.9, n * 0.45 / a);
            double[] out = new double[other / 2 + 1];
            for (int f = 0; f <= other / 2; f++) {
                double sum = 0;
                for (int k = -m; k <= m; k++) {
                    if (k != 0) {
                        sum += columns ? at(k * a, f, c, s) : at(f, k * a, c, s);
                    }
                }
                out[f] = sum;
            }
            return out;
        }

        /** The lattice {@code l} turned to the rotation (0.1° steps within ±max) that maximises its comb, refined. */
        Lattice turn(Lattice l, double max) {
            double ax = ww / l.px;
            double ay = wh / l.py;
            double best = Double.NEGATIVE_INFINITY;
            double bestTheta = 0;
            int steps = (int) Math.round(Math.toDegrees(max) / 0.1);
            for (int i = -steps; i <= steps; i++) {
                double t = Math.toRadians(i * 0.1);
                double sc = comb(ax, ay, Math.cos(t), Math.sin(t));
                if (sc > best) {
                    best = sc;
                    bestTheta = t;
                }
            }
            if (bestTheta == 0) {
                return l;
            }
            return refine(nx / ax, ny / ay, bestTheta);
        }

        /** Coordinate ascent of the comb score in (px, py) and, for a rotated lattice, θ; in working pixels. */
        private Lattice refine(double px, double py, double theta) {
            double ax = nx / px;
            double ay = ny / py;
            double t = theta;
            double best = comb(ax, ay, Math.cos(t), Math.sin(t));
            for (double step : new double[] {0.004, 0.0015, 0.0005, 0.0002}) {
                for (int axis = 0; axis < (theta == 0 ? 2 : 3); axis++) {
                    double base = axis == 0 ? ax : axis == 1 ? ay : t;
                    double bestV = base;
                    for (int k = -2; k <= 2; k++) {
                        if (k == 0) {
                            continue;
                        }
                        double v = axis == 2 ? base + k * step : base * (1 + k * step);
                        double sc = axis == 0 ? comb(v, ay, Math.cos(t), Math.sin(t))
                                : axis == 1 ? comb(ax, v, Math.cos(t), Math.sin(t))
                                : comb(ax, ay, Math.cos(v), Math.sin(v));
                        if (sc > best) {
                            best = sc;
                            bestV = v;
                        }
                    }
                    if (axis == 0) {
                        ax = bestV;
                    } else if (axis == 1) {
                        ay = bestV;
                    } else {
                        t = bestV;
                    }
                }
            }
            return new Lattice(nx / ax * ww / nx, ny / ay * wh / ny, t, best);
        }

        /** Standardised sum of the whitened spectrum at the lattice lines (m·ax, n·ay), upper half plane. */
        double comb(double ax, double ay, double c, double s) {
            int mx = (int) Math.min(PssLayout.T * 0.9, nx * 0.45 / ax);
            int my = (int) Math.min(PssLayout.T * 0.9, ny * 0.45 / ay);
            double sum = 0;
            int count = 0;
            boolean upright = s == 0;
            for (int n = 0; n <= my; n++) {
                for (int m = -mx; m <= mx; m++) {
                    if (n == 0 && m <= 0) {
                        continue;
                    }
                    sum += upright ? bilinear(pw, nx, ny, m * ax, n * ay) : at(m * ax, n * ay, c, s);
                    count++;
                }
            }
            return count == 0 ? 0 : (sum - count) / Math.sqrt(count);
        }
    }

    private static boolean near(List<double[]> seen, double px, double py, double tol) {
        for (double[] s : seen) {
            if (Math.abs(s[0] / px - 1) < tol && Math.abs(s[1] / py - 1) < tol) {
                return true;
            }
        }
        return false;
    }

    private static void addUnique(List<Lattice> list, Lattice l) {
        for (Lattice o : list) {
            if (Math.abs(o.px / l.px - 1) < 0.004 && Math.abs(o.py / l.py - 1) < 0.004
                    && Math.abs(o.theta - l.theta) < 0.002) {
                return;
            }
        }
        list.add(l);
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
                int i0 = (int) (k * a);
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
        if (out.isEmpty()) {
            out.add(new double[] {pMin, Double.NEGATIVE_INFINITY});
        }
        return out;
    }

    private static double bilinear(double[] p, int nx, int ny, double fx, double fy) {
        if (fy < 0) {
            fx = -fx;
            fy = -fy;
        }
        double x = fx < 0 ? fx + nx : fx;
        int x0 = (int) x;
        int y0 = (int) fy;
        double a = x - x0;
        double b = fy - y0;
        if (x0 >= nx) {
            x0 -= nx;
        }
        if (y0 >= ny) {
            y0 %= ny;
        }
        int x1 = x0 + 1 == nx ? 0 : x0 + 1;
        int y1 = y0 + 1 == ny ? 0 : y0 + 1;
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
        Phase phase = l.phase();
        // fold into halves to measure the pilot's drift across the image, then correct the phase map once
        double[][] halves = fold(r, ww, wh, phase, 1, true);
        int[] off = pilotPeak(halves[0], null).offset;
        double[] leftRight = drift(halves[1], halves[2], off);
        double[] topBottom = drift(halves[3], halves[4], off);
        double dx = G * ww / 2.0;
        double dy = G * wh / 2.0;
        phase = new Phase(phase.a - leftRight[0] / dx, phase.b - topBottom[0] / dy,
                phase.c - leftRight[1] / dx, phase.d - topBottom[1] / dy);
        double[] folded = fold(r, ww, wh, phase, 1, false)[0];
        Peak peak = pilotPeak(folded, null);
        double[] soft = despread(folded, peak.subOffsetX, peak.subOffsetY);
        PayloadCodec.Decoded d = codec.decode(soft);
        double raw = agreement(soft, d.codeword());
        double vsExpected = expected == null ? Double.NaN : agreement(soft, expected);
        return new Result(d.valid(), d.id(), peak.z, d.correctedErrors(), raw, vsExpected, l, candidate);
    }

    /** Pilot offset of b minus that of a (both searched near {@code near}), per axis, in bins. */
    private double[] drift(double[] a, double[] b, int[] near) {
        Peak pa = pilotPeak(a, near);
        Peak pb = pilotPeak(b, near);
        double x = pb.subOffsetX - pa.subOffsetX;
        double y = pb.subOffsetY - pa.subOffsetY;
        return new double[] {x - G * Math.rint(x / G), y - G * Math.rint(y / G)};
    }

    /**
     * Folds r (every {@code step}-th row and column) by tile phase into a G×G grid: [0] the whole image and, with
     * {@code halves}, [1] left, [2] right, [3] top and [4] bottom half.
     */
    private static double[][] fold(float[] r, int w, int h, Phase p, int step, boolean halves) {
        double[][] acc = new double[halves ? 5 : 1][G * G];
        double[] whole = acc[0];
        final double offset = 4096;
        for (int y = 0; y < h; y += step) {
            double u0 = p.b * y + offset;
            double v0 = p.d * y + offset;
            int o = y * w;
            double[] vert = halves ? (y < h / 2 ? acc[3] : acc[4]) : null;
            for (int x = 0; x < w; x += step) {
                int bu = ((int) ((u0 + p.a * x) * G)) & (G - 1);
                int bv = ((int) ((v0 + p.c * x) * G)) & (G - 1);
                int bin = bv * G + bu;
                float val = r[o + x];
                whole[bin] += val;
                if (halves) {
                    vert[bin] += val;
                    (x < w / 2 ? acc[1] : acc[2])[bin] += val;
                }
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
