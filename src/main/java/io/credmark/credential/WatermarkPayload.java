package io.credmark.credential;

import io.credmark.pixels.watermark.Watermarker;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The id a credential's watermark carries: the top 48 bits of the credential id. Written as 12 hex digits in
 * manifests and reports, and as the base64 of its 6 bytes (big-endian) in the soft-binding resolution API.
 */
public final class WatermarkPayload {

    /** The soft-binding algorithm name: credmark's algorithm and its version, as C2PA algorithm names are. */
    public static final String ALG = Watermarker.ALGORITHM + "." + Watermarker.VERSION;
    private static final int BYTES = Watermarker.PAYLOAD_BITS / 8;

    private WatermarkPayload() {
    }

    public static long of(CredentialId id) {
        return id.value() >>> (Long.SIZE - Watermarker.PAYLOAD_BITS);
    }

    public static String hex(long payload) {
        return HexFormat.of().toHexDigits(payload).substring(16 - 2 * BYTES);
    }

    /** A payload written as {@link #hex}, or empty when {@code text} is not 12 hex digits. */
    public static Optional<Long> parseHex(String text) {
        if (text == null || text.length() != 2 * BYTES || !text.toLowerCase(Locale.ROOT).matches("[0-9a-f]+")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text, 16));
    }

    public static String base64(long payload) {
        byte[] b = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            b[i] = (byte) (payload >>> (8 * (BYTES - 1 - i)));
        }
        return Base64.getEncoder().encodeToString(b);
    }

    /** A payload written as {@link #base64} (standard or URL-safe alphabet), or empty. */
    public static Optional<Long> parseBase64(String text) {
        if (text == null || text.length() > 16) {
            return Optional.empty();
        }
        byte[] b;
        try {
            b = Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (b.length != BYTES) {
            return Optional.empty();
        }
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return Optional.of(v);
    }
}
