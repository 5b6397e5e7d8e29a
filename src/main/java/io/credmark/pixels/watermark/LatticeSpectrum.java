package io.credmark.pixels.watermark;

import io.credmark.pixels.Cores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;


/**
 * Whitened power spectrum of the working plane on a 256/512 grid per axis. Frequencies are addressed in bins of
 * that grid; a rotation by θ of the image's lattice rotates its lines in working-space frequency, which in bins
 * (anisotropic when the grid's two scales differ) is fx = c·x' − s·r·y', fy = s·x'/r + c·y' with r = ww/wh.
 */
final class LatticeSpectrum {

    /** Lattice candidates kept, and period pairs refined. */
    static final int CANDIDATES = 16;
    static final int REFINED = 8;
    private static final double PERIOD_MIN = 20;
    private static final Fft FFT256 = new Fft(256);
    private static final Fft FFT512 = new Fft(512);
    /** The log grid of candidate periods: 1.003^i. */
    private static final double[] GRID = new double[2048];

    static {
        for (int i = 0; i < GRID.length; i++) {
            GRID[i] = Math.pow(1.003, i);
        }
    }

    final double[] pw;
    final int nx;
    final int ny;
    final int ww;
    final int wh;
    /** The working plane's aspect ratio, ww / wh. */
    private final double aspect;

    private LatticeSpectrum(double[] pw, int nx, int ny, int ww, int wh) {
        this.pw = pw;
        this.nx = nx;
        this.ny = ny;
        this.ww = ww;
        this.wh = wh;
        this.aspect = (double) ww / wh;
    }

    static LatticeSpectrum of(float[] work, int ww, int wh) {
        int nx = ww > 362 ? 512 : 256;
        int ny = wh > 362 ? 512 : 256;
        float[] s = ImageOps.resample(work, ww, wh, nx, ny);
        float[] r = PssDetector.normalizedHighPass(s, nx, ny, 1, 4);
        double[] re = new double[nx * ny];
        double[] wx = tukey(nx, 0.1);
        double[] wy = tukey(ny, 0.1);
        Bands.forEach(ny, nx, (from, to) -> {
            for (int y = from; y < to; y++) {
                for (int x = 0; x < nx; x++) {
                    re[y * nx + x] = r[y * nx + x] * wx[x] * wy[y];
                }
            }
        });
        double[] p = Fft.powerSpectrum(re, nx, ny, fft(nx), fft(ny));
        return new LatticeSpectrum(whiten(p, nx, ny, 4), nx, ny, ww, wh);
    }

    /**
     * The whitened power at bins (x_i, y_j) of a lattice rotated by (cos, sin), bilinear, using P(−f) = P(f): the
     * rotated bin is fx = c·x − s·r·y, fy = s·x/r + c·y, its products taken once per column and once per row, so
     * that each point costs a subtraction, an addition and the bilinear tap.
     */
    private final class Turned {
        private final double[] cx;
        private final double[] sx;
        private final double[] sy;
        private final double[] cy;

        Turned(double[] xs, double[] ys, double c, double s) {
            cx = new double[xs.length];
            sx = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                cx[i] = c * xs[i];
                sx[i] = s * xs[i] / aspect;
            }
            sy = new double[ys.length];
            cy = new double[ys.length];
            for (int j = 0; j < ys.length; j++) {
                sy[j] = s * aspect * ys[j];
                cy[j] = c * ys[j];
            }
        }

        /** The power at (xs[i], ys[j]). */
        double at(int i, int j) {
            return bilinear(pw, nx, ny, cx[i] - sy[j], sx[i] + cy[j]);
        }
    }

    /** The integers −half … half as doubles: index f + half holds f. */
    private static double[] bins(int half) {
        double[] out = new double[2 * half + 1];
        for (int f = -half; f <= half; f++) {
            out[f + half] = f;
        }
        return out;
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
        int hx = nx / 2;
        int hy = ny / 2;
        Turned t = theta == 0 ? null : new Turned(bins(hx), bins(hy), c, s);
        for (int fy = -bandY; fy <= bandY; fy++) {
            if (Math.abs(fy) <= 1) {
                continue;
            }
            for (int fx = 0; fx <= hx; fx++) {
                qx[fx] += theta == 0 ? pw[Math.floorMod(fy, ny) * nx + fx] : t.at(fx + hx, fy + hy);
            }
        }
        for (int fx = -bandX; fx <= bandX; fx++) {
            if (Math.abs(fx) <= 1) {
                continue;
            }
            for (int fy = 0; fy <= hy; fy++) {
                qy[fy] += theta == 0 ? pw[fy * nx + Math.floorMod(fx, nx)] : t.at(fx + hx, fy + hy);
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
                double px = l.px() * v[0];
                double py = l.py() * v[1];
                if (px >= minPx && py >= minPy && px <= ww / 1.5 && py <= wh / 1.5) {
                    addUnique(list, new Lattice(px, py, l.theta(), l.score() * 0.5));
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
        int steps = (int) Math.round(Math.toDegrees(range) / stepDeg);
        double[] scores = new double[2 * steps + 1];
        // the angles are scored on the cores, then the first best is taken in angle order
        Cores.spread(IntStream.rangeClosed(-steps, steps)).forEach(i ->
                scores[i + steps] = rotationScore(centre + Math.toRadians(i * stepDeg), band));
        double best = centre;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = -steps; i <= steps; i++) {
            if (scores[i + steps] > bestScore) {
                bestScore = scores[i + steps];
                best = centre + Math.toRadians(i * stepDeg);
            }
        }
        return best;
    }

    /** The comb score of the band-limited projections at rotation {@code theta}. */
    private double rotationScore(double theta, int band) {
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double[] qx = new double[nx / 2 + 1];
        double[] qy = new double[ny / 2 + 1];
        int bx = Math.min(band, nx / 2 - 1);
        int by = Math.min(band, ny / 2 - 1);
        int hx = nx / 2;
        int hy = ny / 2;
        Turned t = new Turned(bins(hx), bins(hy), c, s);
        for (int fy = -by; fy <= by; fy++) {
            if (Math.abs(fy) <= 1) {
                continue;
            }
            for (int fx = 4; fx <= hx; fx++) {
                qx[fx] += t.at(fx + hx, fy + hy);
            }
        }
        for (int fx = -bx; fx <= bx; fx++) {
            if (Math.abs(fx) <= 1) {
                continue;
            }
            for (int fy = 4; fy <= hy; fy++) {
                qy[fy] += t.at(fx + hx, fy + hy);
            }
        }
        standardise(qx, 4);
        standardise(qy, 4);
        return periodCandidates(qx, nx, PERIOD_MIN, Math.min(nx / 2.5, 220), 1).get(0)[1]
                + periodCandidates(qy, ny, PERIOD_MIN, Math.min(ny / 2.5, 220), 1).get(0)[1];
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
        double[] lines = new double[2 * m + 1];
        for (int k = -m; k <= m; k++) {
            lines[k + m] = k * a;
        }
        double[] along = new double[other / 2 + 1];
        for (int f = 0; f <= other / 2; f++) {
            along[f] = f;
        }
        Turned t = columns ? new Turned(lines, along, c, s) : new Turned(along, lines, c, s);
        if (columns) {
            for (int f = 0; f <= other / 2; f++) {
                double sum = 0;
                for (int k = -m; k <= m; k++) {
                    if (k != 0) {
                        sum += t.at(k + m, f);
                    }
                }
                out[f] = sum;
            }
            return out;
        }
        // rows of lines: along the spectrum's rows, each out[f] still adding its terms in the order of k
        for (int k = -m; k <= m; k++) {
            if (k == 0) {
                continue;
            }
            for (int f = 0; f <= other / 2; f++) {
                out[f] += t.at(f, k + m);
            }
        }
        return out;
    }

    /** The lattice {@code l} turned to the rotation (0.1° steps within ±max) that maximises its comb, refined. */
    Lattice turn(Lattice l, double max) {
        double ax = ww / l.px();
        double ay = wh / l.py();
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
        if (s == 0) {
            return uprightComb(ax, ay, mx, my);
        }
        double[] xs = new double[2 * mx + 1];
        for (int m = -mx; m <= mx; m++) {
            xs[m + mx] = m * ax;
        }
        double[] ys = new double[my + 1];
        for (int n = 0; n <= my; n++) {
            ys[n] = n * ay;
        }
        Turned t = new Turned(xs, ys, c, s);
        double sum = 0;
        int count = 0;
        for (int n = 0; n <= my; n++) {
            for (int m = -mx; m <= mx; m++) {
                if (n == 0 && m <= 0) {
                    continue;
                }
                sum += t.at(m + mx, n);
                count++;
            }
        }
        return count == 0 ? 0 : (sum - count) / Math.sqrt(count);
    }

    /**
     * {@link #comb} of an upright lattice: the bilinear taps of each line (column m, row n) are worked out once per
     * column and once per row instead of at every crossing; the sum is the same, term by term.
     */
    private double uprightComb(double ax, double ay, int mx, int my) {
        int columns = 2 * mx + 1;
        int[] x0 = new int[columns];
        int[] x1 = new int[columns];
        double[] wa = new double[columns];
        for (int m = -mx; m <= mx; m++) {
            double x = m * ax;
            x = x < 0 ? x + nx : x;
            int i = (int) x;
            wa[m + mx] = x - i;
            if (i >= nx) {
                i -= nx;
            }
            x0[m + mx] = i;
            x1[m + mx] = i + 1 == nx ? 0 : i + 1;
        }
        double sum = 0;
        int count = 0;
        for (int n = 0; n <= my; n++) {
            double fy = n * ay;
            int j = (int) fy;
            double b = fy - j;
            if (j >= ny) {
                j %= ny;
            }
            int r0 = j * nx;
            int r1 = (j + 1 == ny ? 0 : j + 1) * nx;
            for (int m = n == 0 ? 1 : -mx; m <= mx; m++) {
                int k = m + mx;
                double a = wa[k];
                sum += (pw[r0 + x0[k]] * (1 - a) + pw[r0 + x1[k]] * a) * (1 - b)
                        + (pw[r1 + x0[k]] * (1 - a) + pw[r1 + x1[k]] * a) * b;
                count++;
            }
        }
        return count == 0 ? 0 : (sum - count) / Math.sqrt(count);
    }

    private static Fft fft(int n) {
        return n == 256 ? FFT256 : n == 512 ? FFT512 : new Fft(n);
    }


    private static boolean near(List<double[]> seen, double px, double py, double tol) {
        for (double[] s : seen) {
            if (Math.abs(s[0] / px - 1) < tol && Math.abs(s[1] / py - 1) < tol) {
                return true;
            }
        }
        return false;
    }

    static void addUnique(List<Lattice> list, Lattice l) {
        for (Lattice o : list) {
            if (Math.abs(o.px() / l.px() - 1) < 0.004 && Math.abs(o.py() / l.py() - 1) < 0.004
                    && Math.abs(o.theta() - l.theta()) < 0.002) {
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
            double per = pMin * (i < GRID.length ? GRID[i] : Math.pow(1.003, i));
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
        Bands.forEach(ny, nx, (from, to) -> {
            for (int y = from; y < to; y++) {
                int o = y * nx;
                double s = 0;
                for (int k = -r; k <= r; k++) {
                    s += p[o + Math.floorMod(k, nx)];
                }
                for (int x = 0; x < nx; x++) {
                    tmp[o + x] = s;
                    int add = x + r + 1;
                    int sub = x - r;
                    s += p[o + (add < nx ? add : add - nx)] - p[o + (sub >= 0 ? sub : sub + nx)];
                }
            }
        });
        // the column sums run along each column as before, the columns of a part at once, row by row
        double[] out = new double[p.length];
        double norm = (2 * r + 1) * (2 * r + 1);
        Bands.forEach(nx, ny, (from, to) -> {
            double[] s = new double[nx];
            for (int k = -r; k <= r; k++) {
                int o = Math.floorMod(k, ny) * nx;
                for (int x = from; x < to; x++) {
                    s[x] += tmp[o + x];
                }
            }
            for (int y = 0; y < ny; y++) {
                int o = y * nx;
                int add = (y + r + 1 < ny ? y + r + 1 : y + r + 1 - ny) * nx;
                int sub = (y - r >= 0 ? y - r : y - r + ny) * nx;
                for (int x = from; x < to; x++) {
                    double mean = s[x] / norm;
                    out[o + x] = mean > 0 ? p[o + x] / mean : 0;
                    s[x] += tmp[add + x] - tmp[sub + x];
                }
            }
        });
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
}
