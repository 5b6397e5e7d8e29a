package io.credmark;

import io.credmark.container.ImageHeader;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The memory the whole process lets decoded pixels take at once. Pixel work (decode, mark, watermark embedding,
 * watermark search) is admitted only while the cost of everything in flight, computed from the header's width ×
 * height before a pixel is decoded, fits; a request that does not fit waits up to {@link #maxWait}, then is refused
 * with {@link OverloadedException}, so that concurrent large images queue instead of exhausting the heap. Waiting
 * requests are admitted in arrival order, so that a large image is not starved by a stream of small ones.
 */
public final class PixelBudget {

    /**
     * Decoded rasters hold at least four bytes a pixel (packed ARGB), eight for 16-bit samples with alpha.
     */
    private static final int MIN_BYTES_PER_PIXEL = 4;

    /** The share of the maximum heap that decoded pixels may take by default; the rest is the service's own. */
    private static final double DEFAULT_HEAP_SHARE = 0.5;

    private final long capacity;
    private final Duration maxWait;
    private long inFlight;
    private long nextTicket;
    private long serving;
    /** Tickets given up while waiting, skipped when their turn comes. */
    private final Set<Long> abandoned = new HashSet<>();

    public PixelBudget(long capacity, Duration maxWait) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("the pixel budget must be positive");
        }
        this.capacity = capacity;
        this.maxWait = maxWait;
    }

    /** Half of the maximum heap, the default of {@code limits.pixelBudget}. */
    public static long defaultCapacity() {
        return (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE);
    }

    public long capacity() {
        return capacity;
    }

    /** What is admitted now, in bytes. */
    public synchronized long inFlight() {
        return inFlight;
    }

    /**
     * The bytes pixel work on an image with this header holds at its peak: {@code copies} rasters of width × height
     * at the header's bytes per pixel (at least four, as decoded rasters are packed ARGB).
     */
    public static long cost(ImageHeader header, int copies) {
        int bytesPerSample = Math.max(1, (header.bitDepth() + 7) / 8);
        long bytesPerPixel = Math.max(MIN_BYTES_PER_PIXEL, (long) Math.max(1, header.components()) * bytesPerSample);
        return header.pixels() * bytesPerPixel * copies;
    }

    /**
     * Waits until {@code bytes} fit beside what is in flight, at most the budget's wait.
     *
     * @throws InvalidInputException with {@link InvalidInputException.Kind#TOO_LARGE} when {@code bytes} exceed the
     *                               whole budget (no wait could help)
     * @throws OverloadedException   when they did not fit in time
     */
    public Permit admit(long bytes, String what) {
        if (bytes > capacity) {
            throw new InvalidInputException(InvalidInputException.Kind.TOO_LARGE, what + " needs about "
                    + mebibytes(bytes) + " MiB of pixel memory; this service admits at most " + mebibytes(capacity)
                    + " MiB (limits.pixelBudget)");
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (this) {
            long ticket = nextTicket++;
            while (ticket != serving || inFlight + bytes > capacity) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    skip(ticket);
                    throw new OverloadedException("the service is busy with other images: " + what + " needs "
                            + mebibytes(bytes) + " MiB of pixel memory and " + mebibytes(capacity - inFlight)
                            + " MiB are free", Math.max(1, maxWait.toSeconds()));
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    skip(ticket);
                    Thread.currentThread().interrupt();
                    throw new OverloadedException("interrupted while waiting for pixel memory", 1);
                }
            }
            inFlight += bytes;
            serving++;
            advance();
        }
        return new Permit(bytes);
    }

    /** A ticket given up while waiting: those behind it must not wait for it. */
    private void skip(long ticket) {
        abandoned.add(ticket);
        advance();
    }


    private void advance() {
        while (abandoned.remove(serving)) {
            serving++;
        }
        notifyAll();
    }

    private synchronized void release(long bytes) {
        inFlight -= bytes;
        notifyAll();
    }

    private static long mebibytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /** Admitted pixel memory, given back on {@link #close()}. */
    public final class Permit implements AutoCloseable {

        private final long bytes;
        private boolean closed;

        private Permit(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(bytes);
            }
        }
    }
}
