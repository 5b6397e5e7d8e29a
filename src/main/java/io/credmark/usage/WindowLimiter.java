package io.credmark.usage;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} events per key in each fixed window, in this node's memory. Keys (a client's address, a
 * credential) live only until their window ends and are never stored or logged.
 */
public final class WindowLimiter {

    /** Keys kept before expired windows are swept; bounds the memory a flood of distinct keys can take. */
    private static final int SWEEP_AT = 10_000;

    private record Window(long start, int used) {
    }

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public WindowLimiter(int limit, long windowSeconds, Clock clock) {
        this.limit = limit;
        this.windowMillis = windowSeconds * 1000;
        this.clock = clock;
    }

    /** Takes one event for {@code key}. @return empty if allowed, else the seconds until the window ends */
    public OptionalLong acquire(String key) {
        long now = clock.millis();
        if (windows.size() > SWEEP_AT) {
            windows.values().removeIf(w -> now - w.start() >= windowMillis);
        }
        Window w = windows.compute(key, (k, old) -> old == null || now - old.start() >= windowMillis
                ? new Window(now, 1) : new Window(old.start(), Math.min(old.used() + 1, limit + 1)));
        if (w.used() <= limit) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (w.start() + windowMillis - now + 999) / 1000));
    }
}
