package io.credmark.store;

import io.credmark.bytes.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the values a stored row must not reveal (provenance documents and disclosures, which hold private fields)
 * with AES-256-GCM under a key kept apart from the database, so that a copy of the database alone reveals none of
 * them. A sealed value is {@code s1:} then base64url of the 12-byte nonce and the ciphertext with its tag; the
 * column it belongs to is authenticated with it, so a value moved to another column does not open. Values stored
 * before sealing (without the prefix) are read as they are.
 */
public final class ValueSealer {

    public static final String FILE_NAME = "store.key";
    static final String PREFIX = "s1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private ValueSealer(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a store key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.random = new SecureRandom();
    }

    /** A sealer with a fresh random key, for a database that lives no longer than this process. */
    public static ValueSealer random() {
        byte[] k = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(k);
        return new ValueSealer(k);
    }

    /** Reads a key file: one line of 64 hex digits. */
    public static ValueSealer read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return new ValueSealer(HexFormat.of().parseHex(text));
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + " is not a store key (64 hex digits expected)");
        }
    }

    /**
     * Reads {@code dataDir/store.key}, creating it with a fresh random key (owner-only from the moment it exists,
     * written atomically) when it is missing. If two processes race, both end up with the file's key.
     */
    public static ValueSealer openOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        SecretFiles.readOrCreate(file, KEY_BYTES);
        return read(file);
    }

    /** The value sealed for {@code column} ({@code table.column}). */
    String seal(String column, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The value stored in {@code column}: opened when sealed, as it is when stored before sealing.
     *
     * @throws StoreException when a sealed value does not open with this key (another installation's key, or a
     *                        damaged or moved value)
     */
    String open(String column, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StoreException("a sealed value in " + column + " does not open with this installation's"
                    + " store key", e);
        }
    }
}
