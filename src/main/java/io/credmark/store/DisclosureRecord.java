package io.credmark.store;

import java.util.Objects;

/**
 * One field of a credential as committed at stamp time.
 *
 * @param disclosure   the encoded disclosure ({@code [salt, path, value]}, base64url), exactly as its digest was signed
 * @param stampedLevel {@code public}, {@code protected} or {@code private}: the level it was stamped with
 */
public record DisclosureRecord(long credentialId, String path, String disclosure, String stampedLevel) {

    public DisclosureRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(stampedLevel, "stampedLevel");
    }

    /** The value never appears in logs through this record. */
    @Override
    public String toString() {
        return "DisclosureRecord[" + credentialId + " " + path + " " + stampedLevel + "]";
    }
}
