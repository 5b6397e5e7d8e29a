package io.credmark.provenance;

import java.math.BigInteger;

/**
 * The bounds every provenance document respects. They keep parsing, signing and displaying a document cheap
 * whatever a caller sends; the HTTP layer can reuse {@link #MAX_DOCUMENT_BYTES} as its body limit.
 */
public final class ProvenanceLimits {

    /** The whole JSON document, in bytes. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    /** Any string value or object key, in UTF-8 bytes (prompts included). */
    public static final int MAX_STRING_BYTES = 64 * 1024;
    /** Any array in the document. */
    public static final int MAX_ARRAY_ENTRIES = 256;
    /** Levels of objects and arrays inside {@code generation.extra}, counting {@code extra} itself. */
    public static final int MAX_EXTRA_DEPTH = 8;
    /** Object members and array elements inside {@code generation.extra}, at all levels together. */
    public static final int MAX_EXTRA_ENTRIES = 256;
    /**
     * Nesting of the raw JSON, enforced while tokenising. The schema needs at most 2 + {@link #MAX_EXTRA_DEPTH}
     * levels; the slack lets a slightly too deep {@code extra} get a message naming its path instead.
     */
    public static final int MAX_JSON_NESTING = 32;
    /** Problems kept in a {@link ProvenanceException}; further ones are only counted. */
    public static final int MAX_REPORTED_PROBLEMS = 100;
    /** Seeds are unsigned 64-bit integers: {@code 0 <= seed < 2^64}. */
    public static final BigInteger SEED_BOUND = BigInteger.ONE.shiftLeft(64);

    private ProvenanceLimits() {
    }

    static boolean isValidSeed(BigInteger seed) {
        return seed.signum() >= 0 && seed.compareTo(SEED_BOUND) < 0;
    }

    static boolean isValidDenoise(double denoise) {
        return denoise >= 0 && denoise <= 1;
    }

    static boolean isValidCfgScale(double cfgScale) {
        return Double.isFinite(cfgScale) && cfgScale >= 0;
    }
}
