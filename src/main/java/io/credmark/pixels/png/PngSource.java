package io.credmark.pixels.png;

import io.credmark.container.png.PngChunk;
import io.credmark.pixels.Decoded;
import io.credmark.pixels.PixelCodec;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What a decoded PNG keeps for re-encoding: the original bytes and chunk list (to copy every other chunk), the
 * sample layout, and what is needed to give unchanged pixels their original encoding back.
 *
 * @param palette        ARGB of each PLTE entry (alpha from tRNS), colour type 3 only
 * @param indices        the original palette index of every pixel, row by row; colour type 3 only
 * @param transparentKey the tRNS colour of a gray or RGB image (samples in file depth), or null
 * @param original       a copy of the decoded image, kept only when {@code transparentKey} is set
 * @param hasHistogram   whether the file has an hIST chunk (it fixes the palette's length)
 */
record PngSource(
        byte[] file,
        List<PngChunk> chunks,
        PngRaw raw,
        int[] palette,
        byte[] indices,
        int[] transparentKey,
        BufferedImage original,
        boolean hasHistogram) implements Decoded.Source {

    @Override
    public byte[] write(BufferedImage changed, PixelCodec.JpegMode jpegMode, int deflateLevel) {
        return PngPixelWriter.write(this, changed, deflateLevel);
    }

    @Override
    public boolean paletted() {
        return palette != null;
    }

    @Override
    public boolean storesSamplesExactly() {
        return palette == null && transparentKey == null && raw.bitDepth >= 8;
    }
}
