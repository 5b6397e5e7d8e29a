package io.credmark.pixels.watermark;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.awt.image.BufferedImage;
import java.util.HexFormat;

/**
 * The watermark detector on arbitrary pixels of any small size and layout: it answers found or not found and
 * never throws (docs/fuzzing.md).
 */
class WatermarkDetectorFuzzTest {

    private static final Watermarker WATERMARKER = new Watermarker(WatermarkKey.of(HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")));
    private static final int[] TYPES = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
            BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_USHORT_GRAY};

    @FuzzTest
    void detect(FuzzedDataProvider data) {
        int width = data.consumeInt(1, 320);
        int height = data.consumeInt(1, 320);
        BufferedImage image = new BufferedImage(width, height, data.pickValue(TYPES));
        byte[] pixels = data.consumeRemainingAsBytes();
        if (pixels.length > 0) {
            for (int y = 0, i = 0; y < height; y++) {
                for (int x = 0; x < width; x++, i += 3) {
                    int rgb = (pixels[i % pixels.length] & 0xFF) << 16 | (pixels[(i + 1) % pixels.length] & 0xFF) << 8
                            | (pixels[(i + 2) % pixels.length] & 0xFF);
                    image.setRGB(x, y, rgb);
                }
            }
        }
        WATERMARKER.detect(image);
    }
}
