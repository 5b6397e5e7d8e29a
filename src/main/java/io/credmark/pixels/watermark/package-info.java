/**
 * The invisible watermark: embedding and detecting a payload id in the pixels, its error-correcting code and its key.
 * Depends on nothing else in credmark beyond {@code pixels}.
 */
package io.credmark.pixels.watermark;
