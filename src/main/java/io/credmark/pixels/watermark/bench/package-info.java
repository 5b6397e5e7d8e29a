/**
 * The watermark benchmark and its attack suite (re-encoding, scaling, cropping, rotation). Depends on {@code
 * pixels.watermark}; not used by the service.
 */
package io.credmark.pixels.watermark.bench;
