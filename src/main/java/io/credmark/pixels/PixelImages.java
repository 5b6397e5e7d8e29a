package io.credmark.pixels;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;

/**
 * The in-memory image types the codecs hand out, one per kind of stored pixel, and the checks on images handed back.
 * Raster bands are always in the order colour components (gray, or red, green, blue), then alpha, never
 * premultiplied; samples are the file's values (no gamma, ICC or colour conversion is ever applied).
 */
public final class PixelImages {

    private PixelImages() {
    }

    /** Gray, gray + alpha, RGB or RGBA with 8 or 16 bits per sample. */
    public static BufferedImage create(int width, int height, boolean gray, boolean alpha, int bits) {
        if (bits == 8 && !alpha) {
            return new BufferedImage(width, height, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        }
        if (bits == 8 && !gray) {
            return new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
        }
        if (bits == 16 && gray && !alpha) {
            return new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        }
        ColorSpace cs = ColorSpace.getInstance(gray ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        return new BufferedImage(cm, raster, false, null);
    }

    /** Palette images are handed out as 8-bit RGB or ARGB (alpha when the palette has transparency). */
    public static BufferedImage createForPalette(int width, int height, boolean alpha) {
        return new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    /** Whether two images have the same size and sample layout (bands, bits per band, alpha, kind of model). */
    public static boolean sameLayout(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        ColorModel ca = a.getColorModel();
        ColorModel cb = b.getColorModel();
        if (ca.hasAlpha() != cb.hasAlpha() || ca.isAlphaPremultiplied() || cb.isAlphaPremultiplied()
                || (ca instanceof IndexColorModel) != (cb instanceof IndexColorModel)
                || ca.getNumColorComponents() != cb.getNumColorComponents()
                || a.getRaster().getNumBands() != b.getRaster().getNumBands()) {
            return false;
        }
        for (int i = 0; i < a.getRaster().getNumBands(); i++) {
            if (a.getSampleModel().getSampleSize(i) != b.getSampleModel().getSampleSize(i)) {
                return false;
            }
        }
        return true;
    }

    /** A deep copy with the same layout. */
    public static BufferedImage copy(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        WritableRaster source = image.getRaster();
        DataBuffer buffer = source.getDataBuffer();
        WritableRaster raster = null;
        if (source.getParent() == null && source.getSampleModelTranslateX() == 0
                && source.getSampleModelTranslateY() == 0 && buffer.getNumBanks() == 1 && buffer.getOffset() == 0) {
            // an image of its own: one array copy instead of a pixel-by-pixel copy through the sample model
            DataBuffer clone = cloneBuffer(buffer);
            if (clone != null) {
                raster = java.awt.image.Raster.createWritableRaster(source.getSampleModel(), clone, null);
            }
        }
        if (raster == null) {
            raster = image.copyData(source.createCompatibleWritableRaster());
        }
        return new BufferedImage(cm, raster, cm.isAlphaPremultiplied(), null);
    }

    private static DataBuffer cloneBuffer(DataBuffer buffer) {
        if (buffer instanceof DataBufferByte b) {
            return new DataBufferByte(b.getData().clone(), b.getSize());
        }
        if (buffer instanceof DataBufferUShort b) {
            return new DataBufferUShort(b.getData().clone(), b.getSize());
        }
        if (buffer instanceof DataBufferInt b) {
            return new DataBufferInt(b.getData().clone(), b.getSize());
        }
        return null;
    }
}
