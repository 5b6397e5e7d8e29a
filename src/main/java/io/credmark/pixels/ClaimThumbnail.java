package io.credmark.pixels;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The claim thumbnail (C2PA spec 2.2 §18.16, {@code c2pa.thumbnail.claim.jpeg}): the image as viewers see it,
 * long side at most {@value #MAX_SIDE} pixels, as a baseline JPEG, transparency flattened onto white.
 */
public final class ClaimThumbnail {

    public static final int MAX_SIDE = 256;
    public static final String LABEL = "c2pa.thumbnail.claim.jpeg";
    private static final float QUALITY = 0.8f;

    private ClaimThumbnail() {
    }

    /**
     * Averages each target pixel's block of source pixels, alpha-weighted onto white: one pass over the rows, at
     * the same speed whatever the source's pixel layout (Java2D's scaling falls back to slow paths for many).
     */
    private static BufferedImage boxFilter(BufferedImage src, int tw, int th) {
        int w = src.getWidth();
        int h = src.getHeight();
        long[] sums = new long[tw * 4];
        int[] row = new int[w];
        int[] target = new int[w];
        for (int x = 0; x < w; x++) {
            target[x] = (int) ((long) x * tw / w) * 4;
        }
        // opaque 8-bit RGB (what the JPEG decoder and most PNGs give) is read a row of samples at a time; getRGB
        // converts pixel by pixel through the colour model
        boolean rgb = src.getType() == BufferedImage.TYPE_3BYTE_BGR;
        byte[] samples = rgb ? new byte[w * 3] : null;
        int[] out = new int[tw * th];
        int ty = 0;
        for (int y = 0; y < h; y++) {
            if (rgb) {
                src.getRaster().getDataElements(0, y, w, 1, samples);
                for (int x = 0, p = 0; x < w; x++, p += 3) {
                    row[x] = 0xFF000000 | (samples[p] & 0xFF) << 16 | (samples[p + 1] & 0xFF) << 8
                            | (samples[p + 2] & 0xFF);
                }
            } else {
                src.getRGB(0, y, w, 1, row, 0, w);
            }
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int a = argb >>> 24;
                int t = target[x];
                sums[t] += (long) ((argb >> 16) & 0xFF) * a + 255L * (255 - a);
                sums[t + 1] += (long) ((argb >> 8) & 0xFF) * a + 255L * (255 - a);
                sums[t + 2] += (long) (argb & 0xFF) * a + 255L * (255 - a);
                sums[t + 3]++;
            }
            int nextTy = (int) ((long) (y + 1) * th / h);
            if (nextTy != ty || y == h - 1) {
                for (int x = 0; x < tw; x++) {
                    long n = Math.max(1, sums[x * 4 + 3]) * 255L;
                    int r = (int) (sums[x * 4] / n);
                    int g = (int) (sums[x * 4 + 1] / n);
                    int b = (int) (sums[x * 4 + 2] / n);
                    out[Math.min(ty, th - 1) * tw + x] = r << 16 | g << 8 | b;
                }
                java.util.Arrays.fill(sums, 0);
                ty = nextTy;
            }
        }
        BufferedImage small = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        small.setRGB(0, 0, tw, th, out, 0, tw);
        return small;
    }

    /** @param displayed the image in the orientation viewers show it */
    public static byte[] jpeg(BufferedImage displayed) {
        int w = displayed.getWidth();
        int h = displayed.getHeight();
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage small = boxFilter(displayed, tw, th);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(small, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
