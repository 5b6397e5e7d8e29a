package io.credmark.credential;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * A credential's id: 64 random bits, written as 13 characters of Crockford's base32 in lower case (URL-safe, no
 * look-alike letters), e.g. {@code 7zq0h3m2vd1xe}. Parsing also accepts upper case.
 */
public record CredentialId(long value) {

    public static final int TEXT_LENGTH = 13;
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

    public static CredentialId random(SecureRandom random) {
        return new CredentialId(random.nextLong());
    }

    /** The id as written in URLs and manifests. */
    public String text() {
        char[] out = new char[TEXT_LENGTH];
        long v = value;
        for (int i = TEXT_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (v & 31));
            v >>>= 5;
        }
        return new String(out);
    }

    /** The id written as {@link #text()}, or empty when {@code text} is not one. */
    public static Optional<CredentialId> parse(String text) {
        if (text == null || text.length() != TEXT_LENGTH) {
            return Optional.empty();
        }
        long v = 0;
        for (int i = 0; i < TEXT_LENGTH; i++) {
            int digit = ALPHABET.indexOf(Character.toLowerCase(text.charAt(i)));
            // 13 digits hold 65 bits; the first may only use the low four
            if (digit < 0 || (i == 0 && digit > 15)) {
                return Optional.empty();
            }
            v = (v << 5) | digit;
        }
        return Optional.of(new CredentialId(v));
    }

    @Override
    public String toString() {
        return text();
    }
}
