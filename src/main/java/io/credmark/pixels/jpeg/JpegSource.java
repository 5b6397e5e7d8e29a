package io.credmark.pixels.jpeg;

import io.credmark.container.ByteRange;
import io.credmark.pixels.Decoded;
import io.credmark.pixels.LumaBands;
import io.credmark.pixels.Orientation;
import io.credmark.pixels.PixelCodec;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a decoded JPEG keeps for re-encoding.
 *
 * @param kept            the metadata segments (APPn, COM) copied to the output, in file order, whole
 * @param components      per frame component: {H, V, Tq}
 * @param tables          quantization tables by id, natural order, as the file has them
 * @param restartInterval the DRI value, 0 for none
 * @param sofMarker       the frame's SOF marker (C0 baseline, C1 extended, C2 progressive, C9/CA arithmetic)
 * @param quality         the IJG quality estimated from the tables
 * @param ycc             whether a three-component frame is YCbCr (libjpeg's rule: JFIF, Adobe transform, ids)
 * @param unitHashes      per MCU-sized unit, hashes of the decoded pixels and of their chroma (for
 *                        coefficient-level editing), or null when the file cannot be edited at coefficient level
 * @param orientation     the EXIF orientation, which the output keeps with the input's segments
 */
record JpegSource(
        byte[] file,
        List<Kept> kept,
        int[][] components,
        Map<Integer, int[]> tables,
        int restartInterval,
        int sofMarker,
        JpegQuality.Estimate quality,
        boolean ycc,
        JpegUnits.Hashes unitHashes,
        Orientation orientation) implements Decoded.Source {

    @Override
    public byte[] write(BufferedImage changed, PixelCodec.JpegMode jpegMode, int deflateLevel) {
        return JpegReencoder.encode(this, changed, jpegMode);
    }

    @Override
    public Optional<PixelCodec.Checked> writeChecked(BufferedImage changed, PixelCodec.JpegMode jpegMode,
            Predicate<LumaBands> test) {
        return JpegReencoder.encodeChecked(this, changed, jpegMode, test);
    }

    @Override
    public Optional<JpegQuality.Estimate> jpegQuality() {
        return Optional.of(quality);
    }

    /** A kept segment; the Adobe APP14 segment is kept only when the original coding is kept. */
    record Kept(ByteRange range, boolean adobe) {
    }

    boolean progressive() {
        return sofMarker == 0xC2 || sofMarker == 0xC6 || sofMarker == 0xCA || sofMarker == 0xCE;
    }

    int hmax() {
        int m = 1;
        for (int[] c : components) {
            m = Math.max(m, c[0]);
        }
        return m;
    }

    int vmax() {
        int m = 1;
        for (int[] c : components) {
            m = Math.max(m, c[1]);
        }
        return m;
    }
}
