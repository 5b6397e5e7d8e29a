/**
 * The JPEG pixel codec behind {@link io.credmark.pixels.PixelCodec}: {@link io.credmark.pixels.jpeg.JpegDecoder}
 * decodes and keeps what a re-encode needs; the re-encoder keeps the quantized DCT coefficients of every unchanged MCU
 * (coefficient reader, per-unit recompute, baseline Huffman writer) or falls back to ImageIO's libjpeg writer. Only
 * the decoder and {@link io.credmark.pixels.jpeg.JpegQuality} are public. Depends on {@code container} (segments) and
 * on the {@code pixels} facade types; nothing outside {@code pixels} depends on it.
 */
package io.credmark.pixels.jpeg;
