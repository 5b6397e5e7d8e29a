package io.credmark.http.admission;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code perMinute} requests a minute on average, and as many at once after a quiet
 * minute. Each node counts on its own (see docs/service.md on several nodes).
 */
public final class RateLimiter {

    /** Buckets kept at most; beyond, full (idle) buckets are dropped, which forgets nothing that matters. */
    private static final int MAX_CLIENTS = 100_000;

    private final String what;
    private final long perMinute;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<Client, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /**
     * @param what      what is limited, for the refusal's message (e.g. "verify requests")
     * @param perMinute 0 for no limit
     */
    public RateLimiter(String what, long perMinute) {
        this(what, perMinute, System::nanoTime);
    }

    RateLimiter(String what, long perMinute, LongSupplier nanoClock) {
        this.what = what;
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    /**
     * Takes one request from the client's budget.
     *
     * @throws Refusal 429 with the seconds until the budget has room again
     */
    public void take(Client client) {
        if (perMinute <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(b -> refill(b, now) >= perMinute);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(perMinute, now));
        synchronized (bucket) {
            double tokens = refill(bucket, now);
            if (tokens < 1) {
                long wait = (long) Math.ceil((1 - tokens) * 60.0 / perMinute);
                throw new Refusal(true, wait, "too many " + what + " from this client: at most " + perMinute
                        + " a minute; retry in " + Math.max(1, wait) + " s");
            }
            bucket.tokens = tokens - 1;
        }
    }

    private double refill(Bucket b, long now) {
        synchronized (b) {
            double tokens = Math.min(perMinute, b.tokens + (now - b.updated) * perMinute / 60e9);
            b.tokens = tokens;
            b.updated = now;
            return tokens;
        }
    }
}
