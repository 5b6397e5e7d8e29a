package io.credmark.pixels.watermark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * The per-deployment watermark secret: 32 random bytes. Everything a reader or a forger would need (spreading
 * sequences, pilot, interleaver, scrambler, the check value) is derived from it, so without it the mark can be
 * neither read nor made. Stored in the data directory as {@code watermark.key}: one line of 64 hex digits, readable
 * by its owner only.
 */
public final class WatermarkKey {

    public static final String FILE_NAME = "watermark.key";
    public static final int LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
        if (Files.exists(file)) {
            return read(file);
        }
        Files.createDirectories(dataDir);
        boolean posix = dataDir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dataDir, ".watermark", ".tmp", attrs);
        try {
            WatermarkKey key = random();
            Files.writeString(temporary, key.hex() + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
            if (!sameKey(file, key)) {
                return read(file);
            }
            return key;
        } catch (FileAlreadyExistsException e) {
            return read(file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static boolean sameKey(Path file, WatermarkKey key) throws IOException {
        return read(file).equals(key);
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
