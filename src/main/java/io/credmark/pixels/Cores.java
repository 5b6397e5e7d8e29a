package io.credmark.pixels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Whether one image's pixel work may spread over the common pool's cores. An image worked on alone gets them all
 * (a single stamp or verify returns sooner); while several are worked on at once, each keeps to its own thread: the
 * cores are busy with the others anyway, and splitting would only add hand-offs and leave a request thread waiting
 * on a part queued behind other images' parts. Work on an image counts from {@link #begin} until its close.
 */
public final class Cores {

    private static final AtomicInteger IMAGES = new AtomicInteger();

    private Cores() {
    }

    /** Counts pixel work on one image until closed. */
    public static Work begin() {
        IMAGES.incrementAndGet();
        return new Work();
    }

    /** Whether the work in progress may spread over the cores: no other image is being worked on. */
    public static boolean spare() {
        return IMAGES.get() <= 1 && Runtime.getRuntime().availableProcessors() > 1;
    }

    /** {@code range}, parallel when the cores are {@link #spare}. */
    public static IntStream spread(IntStream range) {
        return spare() ? range.parallel() : range;
    }

    /** Pixel work on one image, counted until {@link #close}. */
    public static final class Work implements AutoCloseable {

        private boolean closed;

        private Work() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                IMAGES.decrementAndGet();
            }
        }
    }
}
