package io.credmark.pixels;

import io.credmark.container.ByteRange;
import java.util.List;
import java.util.Map;

/**
 * What a decoded JPEG keeps for re-encoding.
 *
 * @param kept            the metadata segments copied to the output, in file order (whole segments, marker included)
 * @param components      per frame component: {H, V, Tq}
 * @param tables          quantization tables by id, natural order, as the file has them
 * @param restartInterval the DRI value, 0 for none
 * @param progressive     whether the frame is progressive (SOF2, SOF6, SOF10, SOF14)
 * @param quality         the IJG quality estimated from the tables
 */
record JpegSource(
        byte[] file,
        List<ByteRange> kept,
        int[][] components,
        Map<Integer, int[]> tables,
        int restartInterval,
        boolean progressive,
        JpegQuality.Estimate quality) {
}
