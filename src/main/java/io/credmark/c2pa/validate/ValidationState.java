package io.credmark.c2pa.validate;

/** The outcome of validating a manifest, as spec 2.2 §15.3 and c2pa-rs name them. */
public enum ValidationState {
    /** A failure code other than a tolerated one: signature, binding or structure is broken. */
    INVALID,
    /** Signed and intact, but the signer does not chain to a trust anchor. */
    VALID,
    /** Signed, intact, and the signer chains to a trust anchor. */
    TRUSTED
}
