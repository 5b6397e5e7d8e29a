package io.credmark.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WindowLimiterTest {

    /** A clock the test moves. */
    private static final class Hand extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void allowsTheLimitPerKeyAndWindowThenSaysHowLongToWait() {
        Hand clock = new Hand();
        WindowLimiter limiter = new WindowLimiter(2, 60, clock);
        assertTrue(limiter.acquire("a").isEmpty());
        assertTrue(limiter.acquire("a").isEmpty());
        assertTrue(limiter.acquire("b").isEmpty(), "keys are counted apart");
        clock.millis += 15_000;
        OptionalLong wait = limiter.acquire("a");
        assertEquals(45, wait.orElseThrow());
        clock.millis += 45_000;
        assertTrue(limiter.acquire("a").isEmpty(), "a new window");
    }
}
