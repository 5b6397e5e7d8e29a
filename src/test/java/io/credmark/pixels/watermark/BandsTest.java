package io.credmark.pixels.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class BandsTest {

    @Test
    void aLoopVisitsEveryLineOnce() {
        for (int[] size : new int[][] {{1000, 1000}, {33, 10_000}, {10, 10}, {1, 1 << 20}}) {
            int lines = size[0];
            AtomicIntegerArray visits = new AtomicIntegerArray(lines);
            Bands.forEach(lines, size[1], (from, to) -> {
                for (int y = from; y < to; y++) {
                    visits.incrementAndGet(y);
                }
            });
            for (int y = 0; y < lines; y++) {
                assertEquals(1, visits.get(y), lines + " lines, line " + y);
            }
        }
    }

    @Test
    void aSumAddsThePartialSumsOfFixedBandsInBandOrder() {
        Random random = new Random(7);
        for (int[] size : new int[][] {{1000, 700}, {45, 20}}) {
            int lines = size[0];
            int width = size[1];
            double[] plane = new double[lines * width];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = random.nextGaussian() * Math.exp(random.nextGaussian() * 10);
            }
            double expected = 0;
            for (int b = 0; b * Bands.LINES < lines; b++) {
                double partial = 0;
                for (int i = b * Bands.LINES * width; i < Math.min(lines, (b + 1) * Bands.LINES) * width; i++) {
                    partial += plane[i];
                }
                expected += partial;
            }
            for (int run = 0; run < 5; run++) {
                double sum = Bands.sum(lines, width, (from, to) -> {
                    double s = 0;
                    for (int i = from * width; i < to * width; i++) {
                        s += plane[i];
                    }
                    return s;
                });
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(sum), lines + " lines");
            }
        }
    }
}
