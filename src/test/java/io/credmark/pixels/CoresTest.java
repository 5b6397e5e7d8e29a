package io.credmark.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
