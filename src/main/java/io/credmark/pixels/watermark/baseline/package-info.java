/**
 * A DWT-DCT watermark as the baseline the benchmarks compare credmark's watermark against. Depends on {@code
 * pixels.watermark} only.
 */
package io.credmark.pixels.watermark.baseline;
