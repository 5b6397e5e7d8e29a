package io.credmark.pixels.watermark;

/**
 * A watermark found in an image.
 *
 * @param payloadId       the 48-bit id that was embedded
 * @param confidence      z-score of the pilot correlation peak (noise alone gives about 4 at most)
 * @param correctedErrors coded bits (of 258) whose hard decision disagreed with the decoded codeword
 * @param rawBitAccuracy  share of coded bits right before error correction: 1 − correctedErrors / 258
 */
public record Detection(long payloadId, double confidence, int correctedErrors, double rawBitAccuracy) {
}
