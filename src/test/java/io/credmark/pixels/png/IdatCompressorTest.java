package io.credmark.pixels.png;

import static io.credmark.pixels.PixelTesting.pngImageIo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.pixels.Decoded;
import io.credmark.pixels.PixelCodec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The image data compressed in segments is one valid zlib stream: the JDK's PNG reader (which checks the zlib header
 * and the Adler-32) reads back every changed sample, whatever the number of segments, the interlacing, the depth or
 * the level, and the bytes do not depend on the threads that made them.
 */
class IdatCompressorTest {

    @ParameterizedTest
    @CsvSource({
        "1100, 900, " + BufferedImage.TYPE_3BYTE_BGR + ", false", // 12 segments: more than one window
        "700, 500, " + BufferedImage.TYPE_4BYTE_ABGR + ", true", // Adam7: segments within each pass
        "640, 480, " + BufferedImage.TYPE_USHORT_GRAY + ", false",
        "300, 200, " + BufferedImage.TYPE_INT_RGB + ", false", // one segment
    })
    void everyChangedSampleReadsBack(int width, int height, int type, boolean interlaced) {
        byte[] file = png(grainy(width, height, type), interlaced);
        PixelCodec codec = new PixelCodec(100_000_000L, PixelCodec.JpegMode.KEEP_UNCHANGED_BLOCKS, 1);
        Decoded decoded = codec.decode(file);
        BufferedImage changed = decoded.image();
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            int[] p = changed.getRaster().getPixel(x, y, (int[]) null);
            p[0] = p[0] ^ 0x11;
            changed.getRaster().setPixel(x, y, p);
        }
        BufferedImage back = pngImageIo(codec.encode(decoded, changed));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertArrayEquals(changed.getRaster().getPixel(x, y, (int[]) null),
                        back.getRaster().getPixel(x, y, (int[]) null), "at " + x + "," + y);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void theZlibHeaderIsValidAtEveryLevel(int level) {
        BufferedImage image = grainy(400, 300, BufferedImage.TYPE_3BYTE_BGR); // two segments
        PixelCodec codec = new PixelCodec(100_000_000L, PixelCodec.JpegMode.KEEP_UNCHANGED_BLOCKS, level);
        Decoded decoded = codec.decode(png(image, false));
        BufferedImage back = pngImageIo(codec.encode(decoded, decoded.image()));
        assertEquals(image.getRGB(399, 299), back.getRGB(399, 299));
        int flg = IdatCompressor.headerFlags(level);
        assertEquals(0, (0x78 * 256 + flg) % 31);
        assertEquals(0, flg & 0x20, "no preset dictionary");
    }

    @Test
    void theBytesDoNotDependOnTheThreads() throws InterruptedException, ExecutionException {
        PixelCodec codec = new PixelCodec(100_000_000L, PixelCodec.JpegMode.KEEP_UNCHANGED_BLOCKS, 1);
        Decoded decoded = codec.decode(png(grainy(1000, 800, BufferedImage.TYPE_3BYTE_BGR), false));
        byte[] common = codec.encode(decoded, decoded.image());
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            byte[] alone = one.submit(() -> codec.encode(decoded, decoded.image())).get();
            assertArrayEquals(common, alone);
        } finally {
            one.shutdown();
        }
        assertTrue(common.length > 0);
    }

    /** A smooth gradient with grain, as photographs and generated images have. */
    static BufferedImage grainy(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Random random = new Random(width * 31L + height);
        int bands = image.getRaster().getNumBands();
        int max = type == BufferedImage.TYPE_USHORT_GRAY ? 65535 : 255;
        int[] p = new int[bands];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int b = 0; b < bands; b++) {
                    double v = (x + 2.0 * y + 40 * b) / (width + 2.0 * height + 120) * max;
                    p[b] = (int) Math.max(0, Math.min(max, v + random.nextGaussian() * max / 40));
                }
                image.getRaster().setPixel(x, y, p);
            }
        }
        return image;
    }

    static byte[] png(BufferedImage image, boolean interlaced) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
