package io.credmark.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CoresTest {

    private static final boolean SEVERAL = Runtime.getRuntime().availableProcessors() > 1;

    @Test
    void anImageWorkedOnAloneSpreadsOverTheCoresAndTwoAtOnceDoNot() {
        try (Cores.Work first = Cores.begin()) {
            assertEquals(SEVERAL, Cores.spare());
            assertEquals(SEVERAL, Cores.spread(IntStream.range(0, 4)).isParallel());
            try (Cores.Work second = Cores.begin()) {
                assertFalse(Cores.spare());
                assertFalse(Cores.spread(IntStream.range(0, 4)).isParallel());
            }
            assertEquals(SEVERAL, Cores.spare());
        }
    }

    @Test
    void workClosedTwiceCountsOnce() {
        Cores.Work other = Cores.begin();
        Cores.Work work = Cores.begin();
        work.close();
        work.close();
        try {
            assertEquals(SEVERAL, Cores.spare());
        } finally {
            other.close();
        }
        assertTrue(Cores.spare() || !SEVERAL);
    }

    @Test
    void aTaskSetAsideGivesItsResultOrThrowsItsExceptionWhetherStartedAsideOrNot() {
        assertEquals(42, Cores.aside(() -> 42).join());
        assertThrows(IllegalStateException.class, () -> Cores.aside(CoresTest::fails).join());
        try (Cores.Work first = Cores.begin(); Cores.Work second = Cores.begin()) {
            assertEquals(7, Cores.aside(() -> 7).join());
            assertThrows(IllegalStateException.class, () -> Cores.aside(CoresTest::fails).join());
        }
    }

    @Test
    void aTaskSetAsideAndDroppedWhileOtherImagesAreWorkedOnNeverRuns() {
        AtomicInteger runs = new AtomicInteger();
        try (Cores.Work first = Cores.begin(); Cores.Work second = Cores.begin()) {
            Cores.Aside<Integer> dropped = Cores.aside(runs::incrementAndGet);
            dropped.cancel();
            assertEquals(1, Cores.aside(runs::incrementAndGet).join());
        }
        assertEquals(1, runs.get());
    }

    private static int fails() {
        throw new IllegalStateException("failed");
    }
}
