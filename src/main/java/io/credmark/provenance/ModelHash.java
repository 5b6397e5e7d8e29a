package io.credmark.provenance;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hash identifying a model or adapter file, kept with its kind so that output can label it truthfully.
 *
 * <p>Canonical JSON: {@code {"alg": "sha256", "value": "<64 hex>"}} or
 * {@code {"alg": "a1111-shorthash", "value": "<10 hex>"}}; the value is always lower-case hex.
 *
 * @param value lower-case hex digits, as many as the kind prescribes
 * @param kind  which hash it is
 */
public record ModelHash(String value, Kind kind) {

    /** The accepted input forms, as problem messages name them. */
    static final String ACCEPTED_FORMS = "a SHA-256 (64 hex digits, optionally prefixed \"sha256:\"), "
            + "an AUTOMATIC1111/Civitai AutoV2 short hash (the first 10 hex digits of the SHA-256), "
            + "InvokeAI's \"blake3:\" and 64 hex digits, "
            + "or an object {\"alg\": \"sha256\" | \"a1111-shorthash\" | \"blake3\", \"value\": \"…\"}";

    private static final String SHA256_PREFIX = "sha256:";
    private static final String BLAKE3_PREFIX = "blake3:";
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    /** The hash algorithms credmark records. */
    public enum Kind {
        /** SHA-256 of the whole weights file. */
        SHA256("sha256", 64),
        /**
         * AUTOMATIC1111's {@code Model hash} and Civitai's "AutoV2": the first 10 hex digits of the SHA-256 of the
         * whole file. Not collision resistant; it identifies, it does not prove.
         */
        A1111_SHORTHASH("a1111-shorthash", 10),
        /** BLAKE3 of the weights file, as InvokeAI labels its models ({@code blake3:<64 hex>}). */
        BLAKE3("blake3", 64);

        private final String alg;
        private final int hexDigits;

        Kind(String alg, int hexDigits) {
            this.alg = alg;
            this.hexDigits = hexDigits;
        }

        /** The label written as {@code alg} in canonical JSON and in the manifest. */
        public String alg() {
            return alg;
        }

        public int hexDigits() {
            return hexDigits;
        }

        /** The kind whose {@link #alg()} is {@code alg}, if any. */
        public static Optional<Kind> fromAlg(String alg) {
            for (Kind kind : values()) {
                if (kind.alg.equals(alg)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public ModelHash {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.length() != kind.hexDigits || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a " + kind.alg + " hash has " + kind.hexDigits + " hex digits, got \"" + value + "\"");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the string forms: 64 hex digits with or without a {@code sha256:} prefix, 10 hex digits (the
     * A1111 short hash), or {@code blake3:} and 64 hex digits (InvokeAI). Case does not matter; anything else is empty.
     */
    public static Optional<ModelHash> parse(String text) {
        if (text.regionMatches(true, 0, BLAKE3_PREFIX, 0, BLAKE3_PREFIX.length())) {
            String hex = text.substring(BLAKE3_PREFIX.length());
            return hex.length() == Kind.BLAKE3.hexDigits && HEX.matcher(hex).matches()
                    ? Optional.of(new ModelHash(hex, Kind.BLAKE3)) : Optional.empty();
        }
        boolean prefixed = text.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length());
        String hex = prefixed ? text.substring(SHA256_PREFIX.length()) : text;
        if (!HEX.matcher(hex).matches()) {
            return Optional.empty();
        }
        if (hex.length() == Kind.SHA256.hexDigits) {
            return Optional.of(new ModelHash(hex, Kind.SHA256));
        }
        if (hex.length() == Kind.A1111_SHORTHASH.hexDigits && !prefixed) {
            return Optional.of(new ModelHash(hex, Kind.A1111_SHORTHASH));
        }
        return Optional.empty();
    }

    /** The algorithm label of {@link #kind()}. */
    public String alg() {
        return kind.alg;
    }

    /**
     * Whether both hashes can denote the same file: equal, or one is the A1111 short hash of the other's SHA-256.
     */
    public boolean isConsistentWith(ModelHash other) {
        if ((kind == Kind.BLAKE3) != (other.kind == Kind.BLAKE3)) {
            return false;
        }
        return value.startsWith(other.value) || other.value.startsWith(value);
    }
}
