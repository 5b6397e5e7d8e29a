package io.credmark.pixels.watermark;

import io.credmark.bytes.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The per-deployment watermark secret: 32 random bytes. Everything a reader or a forger would need (spreading
 * sequences, pilot, interleaver, scrambler, the check value) is derived from it, so without it the mark can be
 * neither read nor made. Stored in the data directory as {@code watermark.key}: one line of 64 hex digits, readable
 * by its owner only.
 */
public final class WatermarkKey {

    public static final String FILE_NAME = "watermark.key";
    public static final int LENGTH = 32;

    private final byte[] secret;

    private WatermarkKey(byte[] secret) {
        if (secret.length != LENGTH) {
            throw new IllegalArgumentException("a watermark key has " + LENGTH + " bytes, not " + secret.length);
        }
        this.secret = secret.clone();
    }

    public static WatermarkKey of(byte[] secret) {
        return new WatermarkKey(secret);
    }

    public static WatermarkKey random() {
        byte[] b = new byte[LENGTH];
        new SecureRandom().nextBytes(b);
        return new WatermarkKey(b);
    }

    /** A key from 64 hex digits. */
    public static WatermarkKey fromHex(String hex) {
        String h = hex.strip();
        if (h.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a watermark key is " + 2 * LENGTH + " hex digits");
        }
        return new WatermarkKey(HexFormat.of().parseHex(h));
    }

    /**
     * Reads {@code dataDir/watermark.key}, creating it with a fresh random key (owner-only from the moment it
     * exists, written atomically) when it is missing. If two processes race, both end up with the file's key.
     */
    public static WatermarkKey openOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        SecretFiles.readOrCreate(file, LENGTH);
        return read(file);
    }

    /** Reads a key file written as {@code watermark.key} is: 64 hex digits. */
    public static WatermarkKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + " is not a watermark key (64 hex digits expected)");
        }
    }

    String hex() {
        return HexFormat.of().formatHex(secret);
    }

    KeyStream stream(String label) {
        return new KeyStream(secret, label);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatermarkKey k && java.security.MessageDigest.isEqual(secret, k.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "WatermarkKey[…]";
    }
}
