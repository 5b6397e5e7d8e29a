package io.credmark.http.admission;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A clock the test moves, in nanoseconds. */
    private final long[] now = {1_000_000_000L};

    @Test
    void allowsTheLimitPerKeyThenSaysHowLongUntilOneMoreFits() {
        RateLimiter limiter = new RateLimiter("reports about this credential", 3, Duration.ofHours(1), () -> now[0]);
        for (int i = 0; i < 3; i++) {
            limiter.take("credential:a");
        }
        assertDoesNotThrow(() -> limiter.take("credential:b"), "keys are counted apart");
        Refusal refused = assertThrows(Refusal.class, () -> limiter.take("credential:a"));
        assertTrue(refused.clientLimit(), "a 429, not a 503");
        assertEquals(1200, refused.retryAfterSeconds(), "one report in an hour's third");
        assertTrue(refused.getMessage().contains("at most 3 an hour"), refused.getMessage());
        now[0] += TimeUnit.SECONDS.toNanos(1000);
        assertEquals(200, assertThrows(Refusal.class, () -> limiter.take("credential:a")).retryAfterSeconds());
        now[0] += TimeUnit.SECONDS.toNanos(200);
        assertDoesNotThrow(() -> limiter.take("credential:a"));
        assertThrows(Refusal.class, () -> limiter.take("credential:a"), "and only the one");
    }

    @Test
    void aClientIsItsOwnKeyAndZeroMeansNoLimit() {
        RateLimiter perMinute = new RateLimiter("requests from this client", 2, Duration.ofMinutes(1),
                () -> now[0]);
        Client client = Client.apiKey("front-end");
        perMinute.take(client);
        perMinute.take(client);
        Refusal refused = assertThrows(Refusal.class, () -> perMinute.take(client));
        assertEquals(30, refused.retryAfterSeconds());
        assertTrue(refused.getMessage().contains("at most 2 a minute"), refused.getMessage());
        assertThrows(Refusal.class, () -> perMinute.take(client.id()), "the same budget by its id");

        RateLimiter none = new RateLimiter("reports from this client", 0, Duration.ofHours(1), () -> now[0]);
        for (int i = 0; i < 10_000; i++) {
            none.take(client);
        }
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter("x", -1, Duration.ofHours(1)));
    }
}
