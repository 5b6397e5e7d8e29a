package io.credmark.pixels.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.bench.Attacks;
import io.credmark.pixels.Cores;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PssDetectorTest {

    private static final PssDetector DETECTOR = new PssDetector(new PssLayout(WatermarkerTest.KEY),
            new PayloadCodec(WatermarkerTest.KEY));

    private static PssDetector.Result alone(BufferedImage image) {
        return DETECTOR.detect(WorkingPlane.of(image), null);
    }

    /** The same search while another image is worked on: every step on the calling thread, one after another. */
    private static PssDetector.Result besideAnother(BufferedImage image) {
        try (Cores.Work other = Cores.begin(); Cores.Work work = Cores.begin()) {
            return DETECTOR.detect(WorkingPlane.of(image), null);
        }
    }

    /**
     * An unmarked image runs the whole search (every upright candidate, then the rotated ones found aside) and a
     * turned copy of a marked one is found among the rotated candidates: with cores to spare the steps overlap, and
     * the answer, down to the best candidate's pilot peak, is the one of the search run step by step.
     */
    @Test
    void aSearchEndsTheSameWithCoresToSpareAsStepByStep() {
        BufferedImage unmarked = WatermarkerTest.image("heldout/art-kde-altai-1024x1024.jpg");
        PssDetector.Result nothing = alone(unmarked);
        assertFalse(nothing.found());
        assertEquals(besideAnother(unmarked), nothing);

        BufferedImage marked = WatermarkerTest.WM.embed(unmarked, 0x1234_5678L, Optional.empty()).marked();
        BufferedImage turned = Attacks.singles().stream().filter(a -> a.name().equals("rotate2")).findFirst()
                .orElseThrow().apply(marked, 1);
        PssDetector.Result found = alone(turned);
        assertTrue(found.found());
        assertEquals(0x1234_5678L, found.id());
        assertTrue(found.lattice().theta() != 0, "found among the rotated candidates");
        assertEquals(besideAnother(turned), found);
    }
}
