package io.credmark.pixels.watermark;

import java.util.stream.IntStream;

/**
 * Runs work whose rows (or columns) are independent over bands of them on the common fork-join pool, the calling
 * thread taking part. Each band writes only its own rows and sums only exact integers, so results are the same bit
 * for bit as one pass in order, on any number of cores; when every core is busy the caller simply runs the bands.
 */
final class Bands {

    /** Planes smaller than this many samples run on the calling thread alone: forking would cost what it saves. */
    static final long MIN_PARALLEL = 1 << 16;
    /** Rows or columns a band holds. */
    static final int BAND = 32;

    /** Work on the rows (or columns) {@code from} to {@code to} − 1. */
    interface Body {
        void run(int from, int to);
    }

    /** Work on the rows {@code from} to {@code to} − 1 that returns an exact integer sum. */
    interface Summing {
        long run(int from, int to);
    }

    private Bands() {
    }

    /** Runs {@code body} over {@code n} rows (or columns) of {@code length} samples each. */
    static void split(int n, int length, Body body) {
        if ((long) n * length < MIN_PARALLEL || n <= BAND) {
            body.run(0, n);
            return;
        }
        IntStream.range(0, (n + BAND - 1) / BAND).parallel()
                .forEach(b -> body.run(b * BAND, Math.min(n, (b + 1) * BAND)));
    }

    /** As {@link #split}, adding up what each band returns. */
    static long sum(int n, int length, Summing body) {
        if ((long) n * length < MIN_PARALLEL || n <= BAND) {
            return body.run(0, n);
        }
        return IntStream.range(0, (n + BAND - 1) / BAND).parallel()
                .mapToLong(b -> body.run(b * BAND, Math.min(n, (b + 1) * BAND))).sum();
    }
}
