package io.credmark.pixels.watermark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.bench.Attacks;
import io.credmark.testing.Corpus;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class WatermarkerTest {

    static final WatermarkKey KEY = WatermarkKey.fromHex(
            "3b1f0c9a5e7d2468ace13579bdf02468ace13579bdf0246813579bdf02468ace");
    static final Watermarker WM = new Watermarker(KEY);

    static BufferedImage image(String relative) {
        try {
            return ImageIO.read(Corpus.file("testdata/watermark/" + relative).toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static long recovered(BufferedImage image) {
        return WM.detect(image).map(Detection::payloadId).orElse(-1L);
    }

    @Test
    void roundTripOnSmallImages() {
        long id = 0x8000_0000_0001L;
        for (String name : new String[] {"train/photo-mate-blinds-512x512.jpg",
                "train/photo-skimage-astronaut-512x512.jpg", "heldout/photo-mate-freshflower-512x768.jpg"}) {
            BufferedImage original = image(name);
            Embedded e = WM.embed(original, id, Optional.empty());
            assertEquals(id, recovered(e.marked()), name);
            assertEquals(id, recovered(Attacks.png(e.marked())), name + " after PNG");
            Detection d = WM.detect(e.marked()).orElseThrow();
            assertTrue(d.confidence() > 6, name + " confidence " + d.confidence());
            assertTrue(d.rawBitAccuracy() > 0.9, name + " raw accuracy " + d.rawBitAccuracy());
            assertTrue(e.psnr() >= 42, name + " PSNR " + e.psnr());
            assertTrue(Quality.ssim(original, e.marked()) >= 0.98, name);
        }
    }

    /** Verify searches every upload of at least 64 pixels a side: small ones find nothing and do not fail. */
    @Test
    void theSmallestSearchedImagesGiveNoDetection() {
        BufferedImage source = image("train/photo-mate-blinds-512x512.jpg");
        int m = Watermarker.MIN_SEARCHED_SIDE;
        for (int[] size : new int[][] {{m, m}, {m, 900}, {900, m}, {100, 100}, {Watermarker.MIN_SIDE - 1, 300}}) {
            BufferedImage sized = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            sized.createGraphics().drawImage(source, 0, 0, size[0], size[1], null);
            assertTrue(WM.detect(sized).isEmpty(), size[0] + "x" + size[1]);
            assertEquals(1.0, Quality.ssim(sized, WM.embed(sized, 5, Optional.empty()).marked()), 1e-9,
                    "under the minimum side nothing is embedded");
        }
    }

    @Test
    void extremeIdsRoundTrip() {
        BufferedImage original = image("train/photo-skimage-coffee-768x512.jpg");
        for (long id : new long[] {0, Watermarker.MAX_PAYLOAD_ID}) {
            assertEquals(id, recovered(WM.embed(original, id, Optional.empty()).marked()));
        }
    }

    @Test
    void survivesJpeg75AndHalfSize() {
        BufferedImage original = image("train/photo-kde-bythewater-768x768.jpg");
        long id = 0x1234_5678_9ABCL;
        BufferedImage marked = WM.embed(original, id, Optional.empty()).marked();
        assertEquals(id, recovered(Attacks.jpeg(marked, 75)), "JPEG 75");
        assertEquals(id, recovered(Attacks.singles().stream().filter(a -> a.name().equals("resize0.5-bilinear"))
                .findFirst().orElseThrow().apply(marked, 1)), "0.5x");
    }

    @Test
    void avoidedBoxStaysBitIdentical() {
        BufferedImage original = image("train/photo-skimage-astronaut-512x512.jpg");
        Rectangle box = new Rectangle(400, 440, 96, 60);
        Embedded e = WM.embed(original, 42, Optional.of(box));
        int[] before = original.getRGB(box.x, box.y, box.width, box.height, null, 0, box.width);
        int[] after = e.marked().getRGB(box.x, box.y, box.width, box.height, null, 0, box.width);
        assertArrayEquals(before, after);
        assertEquals(original.getType(), e.marked().getType());
        assertEquals(42, recovered(e.marked()));
    }

    @Test
    void invisibleOnFlatGraphicsAndGradients() {
        for (String name : new String[] {"flat/flat-shapes-1024x1024.png", "flat/gradient-linear-832x1216.png",
                "flat/gradient-radial-gray-768x768.png"}) {
            BufferedImage original = image(name);
            Embedded e = WM.embed(original, 7, Optional.empty());
            double psnr = Quality.psnr(original, e.marked());
            double ssim = Quality.ssim(original, e.marked());
            double flat = Quality.maxDeltaInFlatBlocks(original, e.marked());
            assertTrue(psnr >= 42, name + " PSNR " + psnr);
            assertTrue(ssim >= 0.98, name + " SSIM " + ssim);
            assertTrue(flat <= 3, name + " flat |dY| " + flat);
            assertEquals(Math.round(psnr * 100), Math.round(e.psnr() * 100), name + " reported PSNR");
        }
    }

    @Test
    void wrongKeyFindsNothing() {
        BufferedImage marked = WM.embed(image("train/photo-mate-blinds-512x512.jpg"), 99, Optional.empty()).marked();
        Watermarker other = new Watermarker(WatermarkKey.fromHex(
                "0000000000000000000000000000000000000000000000000000000000000001"));
        assertTrue(other.detect(marked).isEmpty());
    }

    @Test
    void unmarkedImagesGiveNoDetection() {
        for (String name : new String[] {"train/photo-mate-blinds-512x512.jpg", "train/photo-skimage-coffee-768x512.jpg",
                "flat/flat-shapes-1024x1024.png", "heldout/photo-kde-kite-512x512.jpg"}) {
            assertTrue(WM.detect(image(name)).isEmpty(), name);
        }
    }

    @Test
    void alphaAndGreyAreHandled() {
        BufferedImage rgb = image("train/photo-mate-blinds-512x512.jpg");
        BufferedImage argb = new BufferedImage(512, 512, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                argb.setRGB(x, y, (rgb.getRGB(x, y) & 0xFFFFFF) | ((x + y) % 256) << 24);
            }
        }
        BufferedImage marked = WM.embed(argb, 5, Optional.empty()).marked();
        for (int y = 0; y < 512; y += 7) {
            for (int x = 0; x < 512; x += 5) {
                assertEquals(argb.getRGB(x, y) >>> 24, marked.getRGB(x, y) >>> 24);
            }
        }
        assertEquals(5, recovered(marked));

        BufferedImage grey = image("heldout/photo-kde-grey-832x1216.jpg");
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, grey.getType());
        BufferedImage markedGrey = WM.embed(grey, 6, Optional.empty()).marked();
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, markedGrey.getType());
        assertEquals(6, recovered(markedGrey));
    }

    @Test
    void tinyImagesComeBackUnchanged() {
        BufferedImage tiny = new BufferedImage(40, 300, BufferedImage.TYPE_INT_RGB);
        Embedded e = WM.embed(tiny, 1, Optional.empty());
        assertEquals(0, e.strength());
        assertTrue(WM.detect(e.marked()).isEmpty());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WM.embed(tiny, 1L << 48, Optional.empty()));
    }

    @Test
    void sameChangeOnEveryChannel() {
        BufferedImage original = image("train/photo-skimage-coffee-768x512.jpg");
        BufferedImage marked = WM.embed(original, 11, Optional.empty()).marked();
        for (int y = 0; y < original.getHeight(); y += 3) {
            for (int x = 0; x < original.getWidth(); x += 3) {
                int a = original.getRGB(x, y);
                int b = marked.getRGB(x, y);
                int dr = ((b >> 16) & 0xFF) - ((a >> 16) & 0xFF);
                int dg = ((b >> 8) & 0xFF) - ((a >> 8) & 0xFF);
                int db = (b & 0xFF) - (a & 0xFF);
                boolean clipped = ((a >> 16) & 0xFF) % 255 == 0 || ((a >> 8) & 0xFF) % 255 == 0 || (a & 0xFF) % 255 == 0
                        || ((b >> 16) & 0xFF) % 255 == 0 || ((b >> 8) & 0xFF) % 255 == 0 || (b & 0xFF) % 255 == 0;
                if (!clipped) {
                    assertTrue(dr == dg && dg == db, "pixel " + x + "," + y);
                }
            }
        }
    }
}
