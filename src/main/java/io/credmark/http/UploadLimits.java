package io.credmark.http;

import io.credmark.app.Settings;

/**
 * How large an uploaded image may be, and which are kept in memory (docs/service.md lists the settings).
 *
 * @param maxImageBytes   the largest image read whole into memory ({@code limits.max-bytes}): any stamp that
 *                        decodes pixels, the watermark search
 * @param maxUploadBytes  the largest image received ({@code limits.max-upload-bytes}, at least
 *                        {@code maxImageBytes}): larger than {@code maxImageBytes} only for a metadata-only stamp and
 *                        verify, which stream it
 * @param streamFromBytes from this size on ({@code limits.stream-from-bytes}) an uploaded image is kept in a
 *                        temporary file, and read as its skeleton by the work that needs no pixel
 */
record UploadLimits(long maxImageBytes, long maxUploadBytes, long streamFromBytes) {

    static UploadLimits from(Settings settings, long maxImageBytes) {
        return new UploadLimits(maxImageBytes, Math.max(maxImageBytes, settings.maxUploadBytes()),
                settings.streamFromBytes());
    }
}
