package io.credmark.pixels;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
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

    /** @param displayed the image in the orientation viewers show it */
    public static byte[] jpeg(BufferedImage displayed) {
        int w = displayed.getWidth();
        int h = displayed.getHeight();
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage small = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, tw, th);
            // a several-fold reduction in one bilinear step aliases; halve first, as far as it goes
            BufferedImage source = displayed;
            while (source.getWidth() / 2 >= tw * 2 && source.getHeight() / 2 >= th * 2) {
                BufferedImage half = new BufferedImage(source.getWidth() / 2, source.getHeight() / 2,
                        BufferedImage.TYPE_INT_ARGB);
                Graphics2D hg = half.createGraphics();
                hg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                hg.drawImage(source, 0, 0, half.getWidth(), half.getHeight(), null);
                hg.dispose();
                source = half;
            }
            g.drawImage(source, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
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
