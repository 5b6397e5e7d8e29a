package io.credmark.pixels.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PngRawTest {

    /**
     * The fused sums pick what filtering each type whole and summing its bytes as signed values picks (libpng's
     * heuristic, ties to the lower type), and the Paeth row kept aside is the Paeth filter's output.
     */
    @Test
    void chooseFilterAgreesWithFilteringEveryType() {
        Random random = new Random(3);
        int[] seen = new int[5];
        for (int trial = 0; trial < 4000; trial++) {
            int stride = new int[] {1, 2, 3, 4, 6, 8}[random.nextInt(6)];
            int length = 1 + random.nextInt(64);
            byte[] prior = trial % 7 == 0 ? new byte[length] : row(random, length, trial);
            byte[] row = trial % 11 == 0 ? prior.clone() : row(random, length, trial + 1);
            byte[] paethRow = new byte[length];
            int chosen = PngRaw.chooseFilter(row, prior, length, stride, paethRow);
            long best = Long.MAX_VALUE;
            int expected = -1;
            byte[][] filtered = new byte[5][length];
            for (int type = 0; type < 5; type++) {
                PngRaw.filter(row, prior, length, stride, type, filtered[type], 0);
                long sum = 0;
                for (byte b : filtered[type]) {
                    sum += Math.abs(b);
                }
                if (sum < best) {
                    best = sum;
                    expected = type;
                }
            }
            assertEquals(expected, chosen, Arrays.toString(row) + " over " + Arrays.toString(prior));
            assertArrayEquals(filtered[4], paethRow);
            seen[chosen]++;
        }
        for (int type = 0; type < 5; type++) {
            assertEquals(true, seen[type] > 0, "type " + type + " never chosen: " + Arrays.toString(seen));
        }
    }

    /** Filtering then unfiltering gives the row back, for every type and stride. */
    @Test
    void unfilterReversesFilter() {
        Random random = new Random(5);
        for (int type = 0; type < 5; type++) {
            for (int stride : new int[] {1, 3, 4, 8}) {
                byte[] prior = row(random, 40, type);
                byte[] row = row(random, 40, type + 1);
                byte[] raw = new byte[80];
                System.arraycopy(prior, 0, raw, 0, 40);
                PngRaw.filter(row, prior, 40, stride, type, raw, 40);
                PngRaw.unfilter(raw, 40, 0, 40, stride, type);
                assertArrayEquals(row, Arrays.copyOfRange(raw, 40, 80), "type " + type + " stride " + stride);
            }
        }
    }

    /** Rows of several kinds, so that each filter type wins some: noise, ramps, smooth runs. */
    private static byte[] row(Random random, int length, int kind) {
        byte[] row = new byte[length];
        int start = random.nextInt(256);
        int step = random.nextInt(9) - 4;
        for (int i = 0; i < length; i++) {
            row[i] = (byte) switch (kind % 3) {
                case 0 -> random.nextInt(256);
                case 1 -> start + step * i;
                default -> start + step * i + random.nextInt(5) - 2;
            };
        }
        return row;
    }
}
