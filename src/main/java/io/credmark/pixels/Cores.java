package io.credmark.pixels;

import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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

    /**
     * Starts {@code task} on another core when one is {@link #spare}; {@link Aside#join} gives its result, computing
     * it on the joining thread if it was not started.
     */
    public static <T> Aside<T> aside(Supplier<T> task) {
        ForkJoinTask<T> f = ForkJoinTask.adapt(task::get);
        boolean forked = spare();
        if (forked) {
            f.fork();
        }
        return new Aside<>(f, forked);
    }

    /** A task {@linkplain #aside set aside}. */
    public static final class Aside<T> {

        private final ForkJoinTask<T> task;
        private final boolean forked;

        private Aside(ForkJoinTask<T> task, boolean forked) {
            this.task = task;
            this.forked = forked;
        }

        /** Drops the task: it does not start if it has not (a task already running runs to its end). */
        public void cancel() {
            task.cancel(false);
        }

        /** The task's result; its unchecked exception is thrown here. */
        public T join() {
            return forked ? task.join() : task.invoke();
        }
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
