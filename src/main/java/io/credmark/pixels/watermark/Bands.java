package io.credmark.pixels.watermark;

import io.credmark.pixels.Cores;
import java.util.stream.IntStream;

/**
 * Loops over the rows (or columns) of a plane in parts run on the common pool's cores when the plane is large enough
 * to repay it and the cores are {@linkplain Cores#spare spare}. Each line is computed as a sequential loop computes it; a sum adds the partial sums of bands of
 * {@value #LINES} lines in band order, bands that do not depend on the number of cores, so that every result is the
 * same on any machine and in any run.
 */
final class Bands {

    /** Lines a band of a sum, and the fewest a part of a loop. */
    static final int LINES = 32;
    /** Samples under which a loop stays on the calling thread. */
    static final int PARALLEL_SAMPLES = 1 << 17;

    @FunctionalInterface
    interface Body {
        void run(int from, int to);
    }

    @FunctionalInterface
    interface Sum {
        double of(int from, int to);
    }

    private Bands() {
    }

    /**
     * Runs {@code body} over [0, lines) of lines of {@code width} samples, in contiguous parts that must not share
     * outputs: one per core's share of the work, each at least {@value #LINES} lines.
     */
    static void forEach(int lines, int width, Body body) {
        int parts = Math.min(lines / LINES, 2 * Runtime.getRuntime().availableProcessors());
        if (parts < 2 || (long) lines * width < PARALLEL_SAMPLES || !Cores.spare()) {
            body.run(0, lines);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(p -> body.run(
                (int) ((long) lines * p / parts), (int) ((long) lines * (p + 1) / parts)));
    }

    /** The sum of {@code body} over bands of {@value #LINES} lines, added in band order. */
    static double sum(int lines, int width, Sum body) {
        int bands = (lines + LINES - 1) / LINES;
        double[] partial = new double[bands];
        IntStream range = IntStream.range(0, bands);
        if (bands >= 2 && (long) lines * width >= PARALLEL_SAMPLES && Cores.spare()) {
            range = range.parallel();
        }
        range.forEach(b -> partial[b] = body.of(b * LINES, Math.min(lines, (b + 1) * LINES)));
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }
}
