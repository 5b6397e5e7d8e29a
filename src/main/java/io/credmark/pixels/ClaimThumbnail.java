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
        // opaque 8-bit RGB (what the JPEG decoder and most PNGs give) is read from its bytes, and summed without the
        // alpha weighting, which is the identity for opaque pixels; getRGB converts pixel by pixel through the colour
        // model
        byte[] bgr = plainBgr(src);
        int[] out = new int[tw * th];
        int ty = 0;
        for (int y = 0; y < h; y++) {
            if (bgr != null) {
                for (int x = 0, p = y * w * 3; x < w; x++, p += 3) {
                    int t = target[x];
                    // a sum of opaque samples times 255, as the weighted sum below gives for alpha 255
                    sums[t] += (bgr[p + 2] & 0xFF) * 255L;
                    sums[t + 1] += (bgr[p + 1] & 0xFF) * 255L;
                    sums[t + 2] += (bgr[p] & 0xFF) * 255L;
                    sums[t + 3]++;
                }
            } else {
                src.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int argb = row[x];
                    int a = argb >>> 24;
                    int t = target[x];
                    sums[t] += (long) ((argb >> 16) & 0xFF) * a + 255L * (255 - a);
                    sums[t + 1] += (long) ((argb >> 8) & 0xFF) * a + 255L * (255 - a);
                    sums[t + 2] += (long) (argb & 0xFF) * a + 255L * (255 - a);
                    sums[t + 3]++;
                }
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

    /** The bytes (B, G, R per pixel, rows packed) of a {@code TYPE_3BYTE_BGR} image that owns its raster, or null. */
    private static byte[] plainBgr(BufferedImage src) {
        java.awt.image.WritableRaster r = src.getRaster();
        if (src.getType() != BufferedImage.TYPE_3BYTE_BGR || r.getParent() != null
                || r.getSampleModelTranslateX() != 0 || r.getSampleModelTranslateY() != 0
                || !(r.getDataBuffer() instanceof java.awt.image.DataBufferByte db) || db.getOffset() != 0
                || !(r.getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm)
                || sm.getScanlineStride() != src.getWidth() * 3 || sm.getPixelStride() != 3
                || !java.util.Arrays.equals(sm.getBandOffsets(), new int[] {2, 1, 0})) {
            return null;
        }
        return db.getData();
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
