package io.credmark.verification;

import io.credmark.pixels.watermark.Detection;
import java.util.Optional;

/**
 * A search of an image's pixels for credmark's watermark.
 *
 * @param detection  what was found: only a watermark made with this installation's key is ever found
 * @param unreadable why the pixels could not be searched (e.g. a CMYK JPEG), when they could not
 */
public record WatermarkScan(Optional<Detection> detection, Optional<String> unreadable) {

    static WatermarkScan of(Optional<Detection> detection) {
        return new WatermarkScan(detection, Optional.empty());
    }

    static WatermarkScan unreadable(String reason) {
        return new WatermarkScan(Optional.empty(), Optional.of(reason));
    }
}
