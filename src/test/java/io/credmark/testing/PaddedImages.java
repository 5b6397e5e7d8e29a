package io.credmark.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Small valid images padded with many empty segments or chunks: inputs that cost far more to walk than their size
 * suggests (issue: a 48 MB JPEG of 12 million empty COM segments).
 */
public final class PaddedImages {

    private PaddedImages() {
    }

    /** A 16×16 JPEG with {@code count} empty COM segments ({@code FF FE 00 02}) right after SOI. */
    public static byte[] jpegWithComments(int count) {
        byte[] jpeg = encode("jpeg");
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 * count);
        out.put(jpeg, 0, 2);
        for (int i = 0; i < count; i++) {
            out.put((byte) 0xFF).put((byte) 0xFE).put((byte) 0).put((byte) 2);
        }
        return out.put(jpeg, 2, jpeg.length - 2).array();
    }

    /** A 16×16 PNG with {@code count} empty chunks of {@code type} after IHDR (IDAT may be empty, too). */
    public static byte[] pngWithEmptyChunks(String type, int count) {
        byte[] png = encode("png");
        int ihdrEnd = 8 + 12 + 13;
        byte[] chunk = ByteBuffer.allocate(12).putInt(0).put(type.getBytes(StandardCharsets.US_ASCII))
                .putInt((int) crc(type)).array();
        ByteBuffer out = ByteBuffer.allocate(png.length + 12 * count);
        out.put(png, 0, ihdrEnd);
        for (int i = 0; i < count; i++) {
            out.put(chunk);
        }
        return out.put(png, ihdrEnd, png.length - ihdrEnd).array();
    }

    private static long crc(String type) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    private static byte[] encode(String format) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, (x * 16) << 16 | (y * 16) << 8 | 128);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
