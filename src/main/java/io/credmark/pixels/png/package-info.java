/**
 * The PNG pixel codec behind {@link io.credmark.pixels.PixelCodec}: {@link io.credmark.pixels.png.PngPixelReader}
 * inflates, unfilters and unpacks samples exactly as stored; the writer re-encodes changed pixels into the same IHDR,
 * palette and chunk order. Only the reader is public. Depends on {@code container} (chunks) and on the
 * {@code pixels} facade types; nothing outside {@code pixels} depends on it.
 */
package io.credmark.pixels.png;
