package io.credmark.pixels.watermark.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.pixels.watermark.Quality;
import io.credmark.testing.Corpus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DwtDctTest {

    @Test
    void roundTripWithoutAttack() throws IOException {
        BufferedImage original = ImageIO.read(
                Corpus.file("testdata/watermark/train/photo-kde-bythewater-768x768.jpg").toFile());
        int[] bits = new int[48];
        for (int i = 0; i < 48; i++) {
            bits[i] = (int) ((0xB3EC907BB19EL >>> (47 - i)) & 1);
        }
        BufferedImage marked = DwtDct.encode(original, bits);
        assertArrayEquals(bits, DwtDct.decode(marked, 48));
        double psnr = Quality.psnr(original, marked);
        assertTrue(psnr > 35 && psnr < 50, "PSNR " + psnr);
        // chroma only: luma SSIM stays high
        assertTrue(Quality.ssim(original, marked) > 0.99);
    }

    @Test
    void tooSmallImagesAreRefused() {
        assertNull(DwtDct.decode(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), 48));
    }
}
