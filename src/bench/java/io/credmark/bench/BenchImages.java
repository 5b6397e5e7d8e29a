package io.credmark.bench;

import io.credmark.cli.UsageException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The benchmark's inputs: an image scaled to 1000×1000 (one megapixel), with faint noise so that it compresses like
 * a generated picture rather than flat line art, encoded as PNG and as JPEG (quality 90).
 */
record BenchImages(byte[] png, byte[] jpeg) {

    static final int SIZE = 1000;

    static BenchImages from(Path source) {
        BufferedImage in;
        try {
            in = ImageIO.read(source.toFile());
        } catch (IOException e) {
            throw new UsageException("cannot read " + source + ": " + e.getMessage());
        }
        if (in == null) {
            throw new UsageException(source + " is not an image Java can decode");
        }
        BufferedImage scaled = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(in, 0, 0, SIZE, SIZE, null);
        g.dispose();
        SplittableRandom noise = new SplittableRandom(42);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = scaled.getRGB(x, y);
                int d = noise.nextInt(-3, 4);
                scaled.setRGB(x, y, clamp((rgb >> 16 & 255) + d) << 16 | clamp((rgb >> 8 & 255) + d) << 8
                        | clamp((rgb & 255) + d));
            }
        }
        return new BenchImages(Attacks.encodePng(scaled), Attacks.encodeJpeg(scaled, 90));
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
