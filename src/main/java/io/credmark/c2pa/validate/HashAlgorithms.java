package io.credmark.c2pa.validate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** The hash algorithms C2PA names ({@code sha256}, {@code sha384}, {@code sha512}; spec 2.2 §13.1). */
final class HashAlgorithms {

    private HashAlgorithms() {
    }

    static Optional<MessageDigest> digest(String c2paName) {
        if (c2paName == null) {
            return Optional.empty();
        }
        String jca = switch (c2paName) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
        if (jca == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(jca));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }
}
