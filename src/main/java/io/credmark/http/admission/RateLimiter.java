package io.credmark.http.admission;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key: {@code limit} events per period on average, and as many at once after a quiet period.
 * The key is whom or what the budget belongs to: a {@link Client}, or a thing that many clients act on (the
 * credential misuse reports are about). Keys live in this node's memory only; each node counts on its own (see
 * docs/service.md on several nodes).
 */
public final class RateLimiter {

    /** Buckets kept at most; beyond, full (idle) buckets are dropped, which forgets nothing that matters. */
    private static final int MAX_KEYS = 100_000;

    private final String what;
    private final long limit;
    private final Duration period;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /**
     * A limit per client and minute.
     *
     * @param what      what is limited, for the refusal's message (e.g. "verify requests from this client")
     * @param perMinute 0 for no limit
     */
    public RateLimiter(String what, long perMinute) {
        this(what, perMinute, Duration.ofMinutes(1));
    }

    /**
     * @param what   what is limited, for the refusal's message (e.g. "reports about this credential")
     * @param limit  events per period; 0 for no limit
     * @param period the period the limit is given for, a minute or an hour
     */
    public RateLimiter(String what, long limit, Duration period) {
        this(what, limit, period, System::nanoTime);
    }

    RateLimiter(String what, long limit, Duration period, LongSupplier nanoClock) {
        if (limit < 0 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit is a count of zero or more per positive period");
        }
        this.what = what;
        this.limit = limit;
        this.period = period;
        this.nanoClock = nanoClock;
    }

    /**
     * Takes one request from the client's budget.
     *
     * @throws Refusal 429 with the seconds until the budget has room again
     */
    public void take(Client client) {
        take(client.id());
    }

    /**
     * Takes one event from the budget of {@code key}.
     *
     * @throws Refusal 429 with the seconds until the budget has room again
     */
    public void take(String key) {
        if (limit <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (buckets.size() > MAX_KEYS) {
            buckets.values().removeIf(b -> refill(b, now) >= limit);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit, now));
        synchronized (bucket) {
            double tokens = refill(bucket, now);
            if (tokens < 1) {
                long wait = (long) Math.ceil((1 - tokens) * period.toSeconds() / limit);
                throw new Refusal(true, wait, "too many " + what + ": at most " + limit + " " + periodText()
                        + "; retry in " + Math.max(1, wait) + " s");
            }
            bucket.tokens = tokens - 1;
        }
    }

    private String periodText() {
        if (period.equals(Duration.ofMinutes(1))) {
            return "a minute";
        }
        return period.equals(Duration.ofHours(1)) ? "an hour" : "in " + period.toSeconds() + " s";
    }

    private double refill(Bucket b, long now) {
        synchronized (b) {
            double tokens = Math.min(limit, b.tokens + (double) (now - b.updated) * limit / period.toNanos());
            b.tokens = tokens;
            b.updated = now;
            return tokens;
        }
    }
}
