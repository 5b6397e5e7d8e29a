/**
 * Decoding and re-encoding pixels, only when pixels change: the PNG and JPEG codecs behind {@link
 * io.credmark.pixels.PixelCodec}, orientation, a JPEG's luminance read from its coefficients ({@link
 * io.credmark.pixels.LumaBands}), and whether one image's pixel work may use the spare cores ({@link
 * io.credmark.pixels.Cores}). Depends on {@code container} and {@code bytes}; never on the use
 * cases, {@code store}, {@code http} or {@code cli}.
 */
package io.credmark.pixels;
