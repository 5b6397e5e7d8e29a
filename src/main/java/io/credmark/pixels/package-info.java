/**
 * Decoding and re-encoding pixels, only when pixels change: the PNG and JPEG codecs behind {@link
 * io.credmark.pixels.PixelCodec}, orientation. Depends on {@code container} and {@code bytes}; never on the use
 * cases, {@code store}, {@code http} or {@code cli}.
 */
package io.credmark.pixels;
