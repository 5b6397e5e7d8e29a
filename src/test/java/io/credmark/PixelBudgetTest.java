package io.credmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.container.ImageHeader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PixelBudgetTest {

    @Test
    void costIsWidthTimesHeightTimesBytesPerPixelTimesRasters() {
        assertEquals(10_000L * 10_000 * 4 * 3, PixelBudget.cost(new ImageHeader(10_000, 10_000, 1, 8, "grey"), 3));
        // 16-bit RGBA decodes to eight bytes a pixel
        assertEquals(100L * 50 * 8, PixelBudget.cost(new ImageHeader(100, 50, 4, 16, "RGBA 16-bit"), 1));
    }

    @Test
    void whatNeverFitsIsRefusedAtOnceAsTooLarge() {
        PixelBudget budget = new PixelBudget(1000, Duration.ofSeconds(30));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> budget.admit(1001, "this image"));
        assertEquals(InvalidInputException.Kind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("limits.pixelBudget"), e.getMessage());
    }

    @Test
    void whatDoesNotFitNowWaitsThenIsRefusedWithRetryAfter() throws Exception {
        PixelBudget budget = new PixelBudget(1000, Duration.ofMillis(100));
        try (PixelBudget.Permit held = budget.admit(600, "first")) {
            long start = System.nanoTime();
            OverloadedException e = assertThrows(OverloadedException.class, () -> budget.admit(600, "second"));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90));
            assertTrue(e.retryAfterSeconds() >= 1);
            assertEquals(600, budget.inFlight());
            // what fits beside it is admitted: the refused request left no place in the queue behind
            try (PixelBudget.Permit small = budget.admit(400, "third")) {
                assertEquals(1000, budget.inFlight());
            }
        }
        assertEquals(0, budget.inFlight());
    }

    @Test
    void aWaitingRequestIsAdmittedWhenRoomIsGivenBack() throws Exception {
        PixelBudget budget = new PixelBudget(1000, Duration.ofSeconds(10));
        PixelBudget.Permit held = budget.admit(800, "first");
        CompletableFuture<PixelBudget.Permit> waiting = CompletableFuture.supplyAsync(() -> budget.admit(800, "second"));
        Thread.sleep(50);
        assertTrue(!waiting.isDone(), "waits while the first holds the room");
        held.close();
        held.close(); // closing twice gives back once
        try (PixelBudget.Permit second = waiting.get(5, TimeUnit.SECONDS)) {
            assertEquals(800, budget.inFlight());
        }
        assertEquals(0, budget.inFlight());
    }
}
