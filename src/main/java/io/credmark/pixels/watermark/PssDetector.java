package io.credmark.pixels.watermark;

import io.credmark.pixels.Cores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

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
    /** Columns of the half spectrum of a real G×G plane. */
    private static final int HALF = G / 2 + 1;
    /** Upright decode attempts. */
    static final int DECODES = 3;
    /** Largest rotation searched, in degrees, when the upright search finds nothing (0 disables). */
    static final double MAX_ROTATION = 3;
    /** Lattice periods (working pixels) from which the fold runs on the 2×2-averaged plane. */
    static final int HALVE_PERIOD = 128;

    private final PssLayout layout;
    private final PayloadCodec codec;
    private final double[] pilotRe;
    private final double[] pilotIm;
    private final Fft fftG = new Fft(G);

    PssDetector(PssLayout layout, PayloadCodec codec) {
        this.layout = layout;
        this.codec = codec;
        float[] pilot = render(layout.pilot());
        double[] plane = new double[G * G];
        for (int i = 0; i < G * G; i++) {
            plane[i] = pilot[i];
        }
        pilotRe = new double[G * HALF];
        pilotIm = new double[G * HALF];
        Fft.forwardReal(plane, G, G, fftG, fftG, pilotRe, pilotIm);
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
        LatticeSpectrum spectrum = LatticeSpectrum.of(work, ww, wh);
        Planes planes = new Planes(work, ww, wh);
        List<Lattice> upright = spectrum.lattices(0);
        Result best = first(upright, planes, expected);
        if (best.found || MAX_ROTATION <= 0) {
            return best;
        }
        // the rotated candidates depend on the spectrum alone: on a spare core they are found while the other
        // upright candidates are searched, and dropped if one of those has the mark
        Cores.Aside<List<Lattice>> rotated = Cores.aside(() -> turnedLattices(spectrum, upright));
        best = rest(upright, best, planes, expected, DECODES);
        if (best.found) {
            rotated.cancel();
            return best;
        }
        List<Lattice> turned = rotated.join();
        Result r = rest(turned, first(turned, planes, expected), planes, expected, 2);
        return r.found || r.pilotZ > best.pilotZ ? r : best;
    }

    /**
     * The candidates of a small rotation, best comb first. Seeds: the angle estimated on the spectrum and the angles
     * to which the best upright lattices turn; at each seed the candidate search runs on the rotated spectrum, and
     * once more at the angle its best lattice refines to (a rough angle finds one period right and refines the
     * angle, the exact angle then finds the other period).
     */
    private static List<Lattice> turnedLattices(LatticeSpectrum spectrum, List<Lattice> upright) {
        double max = Math.toRadians(MAX_ROTATION);
        List<Double> seeds = new ArrayList<>();
        seeds.add(spectrum.bestRotation(max));
        for (Lattice l : upright.subList(0, Math.min(2, upright.size()))) {
            seeds.add(spectrum.turn(l, max).theta());
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
                    LatticeSpectrum.addUnique(turned, l);
                }
                theta = found.isEmpty() ? 0 : found.get(0).theta();
            }
        }
        turned.sort(Comparator.comparingDouble(Lattice::score).reversed());
        return turned;
    }

    private static boolean isNear(List<Double> tried, double theta) {
        for (double t : tried) {
            if (Math.abs(t - theta) < Math.toRadians(0.1)) {
                return true;
            }
        }
        return false;
    }

    /** The strongest lattice decoded. */
    private Result first(List<Lattice> lattices, Planes planes, byte[] expected) {
        if (lattices.isEmpty()) {
            return Result.none();
        }
        return decodeAt(planes.view(lattices.get(0)), lattices.get(0), expected, 0);
    }

    /**
     * When the strongest lattice did not decode ({@code best}, from {@link #first}), ranks the others by the pilot
     * peak of a sparse fold and decodes the best {@code decodes − 1}.
     */
    private Result rest(List<Lattice> lattices, Result best, Planes planes, byte[] expected, int decodes) {
        if (best.found || lattices.size() < 2) {
            return best;
        }
        List<View> views = new ArrayList<>();
        for (int i = 1; i < lattices.size(); i++) {
            views.add(planes.view(lattices.get(i)));
        }
        double[][] sparse = sparseFolds(views);
        double[] z = Cores.spread(IntStream.range(0, views.size())).mapToDouble(i -> pilotPeak(sparse[i], null).z)
                .toArray();
        List<double[]> ranked = new ArrayList<>();
        for (int i = 1; i < lattices.size(); i++) {
            ranked.add(new double[] {z[i - 1], i});
        }
        ranked.sort((a, b) -> Double.compare(b[0], a[0]));
        int count = Math.min(decodes - 1, ranked.size());
        IntFunction<Result> decode = n -> {
            int i = (int) ranked.get(n)[1];
            return decodeAt(views.get(i - 1), lattices.get(i), expected, n + 1);
        };
        // with cores to spare the best few are decoded at once, then taken in rank order as one after another
        List<Result> decoded = Cores.spare()
                ? IntStream.range(0, count).parallel().mapToObj(decode).toList() : null;
        for (int n = 0; n < count; n++) {
            Result r = decoded != null ? decoded.get(n) : decode.apply(n);
            if (r.found) {
                return r;
            }
            if (r.pilotZ > best.pilotZ) {
                best = r;
            }
        }
        return best;
    }

    /** A lattice as seen on one of the planes: its filtered plane, that plane's size, the lattice in its pixels. */
    private record View(float[] r, int w, int h, Lattice lattice) {
    }

    /**
     * The working plane and, made when first needed, its 2×2 average, each with its filtered planes by radius. A
     * lattice whose chips span at least {@value #HALVE_PERIOD}/32 working pixels is folded on the average, where they
     * still span two or more: the same chips from a quarter of the pixels, with the finer host texture averaged out.
     */
    private static final class Planes {
        private final float[] work;
        private final int ww;
        private final int wh;
        private float[] half;
        private final Map<Integer, float[]> full = new HashMap<>();
        private final Map<Integer, float[]> halved = new HashMap<>();

        Planes(float[] work, int ww, int wh) {
            this.work = work;
            this.ww = ww;
            this.wh = wh;
        }

        View view(Lattice l) {
            if (Math.min(l.px(), l.py()) < HALVE_PERIOD || Math.min(ww, wh) < 2 * HALVE_PERIOD) {
                return new View(filter(full, l, work, ww, wh), ww, wh, l);
            }
            if (half == null) {
                half = ImageOps.halve(work, ww, wh);
            }
            // half-plane pixel x averages working pixels 2x and 2x + 1: the phase's constant shift is the pilot's
            Lattice h = new Lattice(l.px() / 2, l.py() / 2, l.theta(), l.score());
            return new View(filter(halved, h, half, ww / 2, wh / 2), ww / 2, wh / 2, h);
        }
    }

    private static float[] filter(Map<Integer, float[]> cache, Lattice l, float[] work, int ww, int wh) {
        int radius = Math.max(1, (int) Math.round(0.75 * Math.min(l.px(), l.py()) / PssLayout.T));
        return cache.computeIfAbsent(radius, k -> normalizedHighPass(work, ww, wh, k, Math.max(3, 3 * k)));
    }

    /** (y − box mean of radius rMean) / (local RMS over radius rNorm + 1), clipped to ±3. */
    static float[] normalizedHighPass(float[] y, int w, int h, int rMean, int rNorm) {
        // three planes: the mean becomes the squares, then their local mean e
        float[] tmp = new float[w * h];
        float[] e = new float[w * h];
        float[] r = new float[w * h];
        ImageOps.boxBlur(y, tmp, e, w, h, rMean);
        Bands.forEach(h, w, (from, to) -> {
            for (int i = from * w; i < to * w; i++) {
                r[i] = y[i] - e[i];
                e[i] = r[i] * r[i];
            }
        });
        ImageOps.boxBlur(e, tmp, e, w, h, rNorm);
        Bands.forEach(h, w, (from, to) -> {
            for (int i = from * w; i < to * w; i++) {
                float v = r[i] / ((float) Math.sqrt(Math.max(0, e[i])) + 1f);
                r[i] = v > 3 ? 3 : v < -3 ? -3 : v;
            }
        });
        return r;
    }

    // ------------------------------------------------------------------------------------ fold, pilot and payload

    private Result decodeAt(View view, Lattice reported, byte[] expected, int candidate) {
        float[] r = view.r;
        int ww = view.w;
        int wh = view.h;
        Lattice.Phase phase = view.lattice.phase();
        // fold the quarters to measure the pilot's drift across the image, then correct the phase map once
        double[][] q = fold(r, ww, wh, phase, 1, true);
        double[] whole = new double[G * G];
        double[] left = new double[G * G];
        double[] right = new double[G * G];
        double[] top = new double[G * G];
        double[] bottom = new double[G * G];
        for (int i = 0; i < G * G; i++) {
            whole[i] = q[0][i] + q[1][i] + q[2][i] + q[3][i];
            left[i] = q[0][i] + q[2][i];
            right[i] = q[1][i] + q[3][i];
            top[i] = q[0][i] + q[1][i];
            bottom[i] = q[2][i] + q[3][i];
        }
        int[] off = pilotPeak(whole, null).offset;
        // the four halves' pilot peaks are independent: found on the cores
        Peak[] halves = Cores.spread(IntStream.range(0, 4))
                .mapToObj(i -> pilotPeak(new double[][] {left, right, top, bottom}[i], off)).toArray(Peak[]::new);
        double[] leftRight = drift(halves[0], halves[1]);
        double[] topBottom = drift(halves[2], halves[3]);
        double dx = G * ww / 2.0;
        double dy = G * wh / 2.0;
        phase = new Lattice.Phase(phase.a() - leftRight[0] / dx, phase.b() - topBottom[0] / dy,
                phase.c() - leftRight[1] / dx, phase.d() - topBottom[1] / dy);
        double[] folded = fold(r, ww, wh, phase, 1, false)[0];
        Peak peak = pilotPeak(folded, null);
        double[] soft = despread(folded, peak.subOffsetX, peak.subOffsetY);
        PayloadCodec.Decoded d = codec.decode(soft);
        double raw = agreement(soft, d.codeword());
        double vsExpected = expected == null ? Double.NaN : agreement(soft, expected);
        return new Result(d.valid(), d.id(), peak.z, d.correctedErrors(), raw, vsExpected, reported, candidate);
    }

    /** Pilot offset of b minus that of a, per axis, in bins. */
    private static double[] drift(Peak pa, Peak pb) {
        double x = pb.subOffsetX - pa.subOffsetX;
        double y = pb.subOffsetY - pa.subOffsetY;
        return new double[] {x - G * Math.rint(x / G), y - G * Math.rint(y / G)};
    }

    /**
     * Folds r (every {@code step}-th row and column) by tile phase into a G×G grid: the whole image or, with
     * {@code quarters}, its top-left, top-right, bottom-left and bottom-right quarters apart.
     */
    private static double[][] fold(float[] r, int w, int h, Lattice.Phase p, int step, boolean quarters) {
        double[][] acc = new double[quarters ? 4 : 1][G * G];
        if (quarters) {
            // the top and the bottom quarters have accumulators of their own: folded on the cores
            int middle = (h / 2 + step - 1) / step * step;
            Cores.spread(IntStream.range(0, 2)).forEach(half -> foldRows(r, w, h, p, step, true, acc,
                    half == 0 ? 0 : middle, half == 0 ? middle : h));
        } else {
            foldRows(r, w, h, p, step, false, acc, 0, h);
        }
        return acc;
    }

    /** The rows [from, to) of {@link #fold}, {@code from} a multiple of {@code step}. */
    private static void foldRows(float[] r, int w, int h, Lattice.Phase p, int step, boolean quarters,
            double[][] acc, int from, int to) {
        // tile phase in bins as 32.32 fixed point, stepped along each row; the offset keeps it positive
        final double offset = 4096;
        final double one = G * 4294967296.0;
        long du = Math.round(p.a() * step * one);
        long dv = Math.round(p.c() * step * one);
        for (int y = from; y < to; y += step) {
            long u = Math.round((p.b() * y + offset) * one);
            long v = Math.round((p.d() * y + offset) * one);
            int o = y * w;
            int split = quarters ? (w / 2 + step - 1) / step * step : w;
            double[] a = acc[quarters && y >= h / 2 ? 2 : 0];
            for (int x = 0; x < split; x += step, u += du, v += dv) {
                a[(((int) (v >>> 32)) & (G - 1)) * G + (((int) (u >>> 32)) & (G - 1))] += r[o + x];
            }
            double[] b = quarters ? acc[y >= h / 2 ? 3 : 1] : a;
            for (int x = split; x < w; x += step, u += du, v += dv) {
                b[(((int) (v >>> 32)) & (G - 1)) * G + (((int) (u >>> 32)) & (G - 1))] += r[o + x];
            }
        }
    }

    /**
     * The folds that rank the candidates: each view folded whole, every second row and column on a plane over
     * 400 000 pixels. Views of the same filtered plane are folded in one pass over it, each as {@link #fold} would.
     */
    private static double[][] sparseFolds(List<View> views) {
        double[][] out = new double[views.size()][];
        for (int i = 0; i < views.size(); i++) {
            if (out[i] != null) {
                continue;
            }
            View v = views.get(i);
            List<Integer> same = new ArrayList<>();
            for (int j = i; j < views.size(); j++) {
                if (views.get(j).r == v.r) {
                    same.add(j);
                }
            }
            Lattice.Phase[] phases = new Lattice.Phase[same.size()];
            for (int k = 0; k < phases.length; k++) {
                phases[k] = views.get(same.get(k)).lattice.phase();
            }
            double[][] folded = foldAll(v.r, v.w, v.h, phases, v.w * v.h > 400_000 ? 2 : 1);
            for (int k = 0; k < phases.length; k++) {
                out[same.get(k)] = folded[k];
            }
        }
        return out;
    }

    /** {@link #fold} (whole image) of r under each of {@code phases}, reading each row of r once for all. */
    private static double[][] foldAll(float[] r, int w, int h, Lattice.Phase[] phases, int step) {
        int n = phases.length;
        double[][] acc = new double[n][G * G];
        final double offset = 4096;
        final double one = G * 4294967296.0;
        long[] du = new long[n];
        long[] dv = new long[n];
        for (int k = 0; k < n; k++) {
            du[k] = Math.round(phases[k].a() * step * one);
            dv[k] = Math.round(phases[k].c() * step * one);
        }
        // each phase has its own accumulator, filled row by row in order: the phases are split between the cores
        int parts = Math.min(n, Runtime.getRuntime().availableProcessors());
        Cores.spread(IntStream.range(0, parts)).forEach(part -> {
            for (int y = 0; y < h; y += step) {
                int o = y * w;
                for (int k = n * part / parts; k < n * (part + 1) / parts; k++) {
                    Lattice.Phase p = phases[k];
                    long u = Math.round((p.b() * y + offset) * one);
                    long v = Math.round((p.d() * y + offset) * one);
                    long su = du[k];
                    long sv = dv[k];
                    double[] a = acc[k];
                    for (int x = 0; x < w; x += step, u += su, v += sv) {
                        a[(((int) (v >>> 32)) & (G - 1)) * G + (((int) (u >>> 32)) & (G - 1))] += r[o + x];
                    }
                }
            }
        });
        return acc;
    }

    private record Peak(int[] offset, double subOffsetX, double subOffsetY, double z) {
    }

    /** Cyclic correlation with the pilot; peak (optionally restricted to ±8 bins around {@code near}). */
    private Peak pilotPeak(double[] folded, int[] near) {
        double[] fre = new double[G * HALF];
        double[] fim = new double[G * HALF];
        Fft.forwardReal(folded, G, G, fftG, fftG, fre, fim);
        for (int i = 0; i < fre.length; i++) {
            // F · conj(P): correlation c(o) = sum_b F(b + o) P(b)
            double a = fre[i];
            double b = fim[i];
            fre[i] = a * pilotRe[i] + b * pilotIm[i];
            fim[i] = b * pilotRe[i] - a * pilotIm[i];
        }
        double[] re = new double[G * G];
        Fft.inverseReal(fre, fim, G, G, fftG, fftG, re);
        int best = -1;
        for (int y = 0; y < G; y++) {
            if (near != null && Math.abs(cyclic(y - near[1])) > 8) {
                continue;
            }
            for (int x = 0, i = y * G; x < G; x++, i++) {
                if (near != null && Math.abs(cyclic(x - near[0])) > 8) {
                    continue;
                }
                if (best < 0 || re[i] > re[best]) {
                    best = i;
                }
            }
        }
        // noise statistics away from the peak's own lobe
        double s = 0;
        double s2 = 0;
        int n = 0;
        int bx = best % G;
        int by = best / G;
        for (int y = 0; y < G; y++) {
            boolean lobeRow = Math.abs(cyclic(y - by)) <= 2 * Q;
            for (int x = 0, i = y * G; x < G; x++, i++) {
                if (lobeRow && Math.abs(cyclic(x - bx)) <= 2 * Q) {
                    continue;
                }
                s += re[i];
                s2 += re[i] * re[i];
                n++;
            }
        }
        double mean = s / n;
        double sd = Math.sqrt(Math.max(1e-30, s2 / n - mean * mean));
        int ox = best % G;
        int oy = best / G;
        double sx = ox + parabola(re[oy * G + (ox + G - 1) % G], re[best], re[oy * G + (ox + 1) % G]);
        double sy = oy + parabola(re[((oy + G - 1) % G) * G + ox], re[best], re[((oy + 1) % G) * G + ox]);
        return new Peak(new int[] {ox, oy}, sx, sy, (re[best] - mean) / sd);
    }

    /** A difference of bin positions taken cyclically into [−G/2, G/2). */
    private static int cyclic(int d) {
        return ((d + G / 2) & (G - 1)) - G / 2;
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
