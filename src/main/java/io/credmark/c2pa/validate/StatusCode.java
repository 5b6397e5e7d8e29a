package io.credmark.c2pa.validate;

import java.util.Set;

/**
 * C2PA validation status codes (spec 2.2 §15.2.1) that credmark emits, and which of them are successes or merely
 * informational. Anything else is a failure.
 */
final class StatusCode {

    private StatusCode() {
    }

    public static final String CLAIM_SIGNATURE_VALIDATED = "claimSignature.validated";
    public static final String CLAIM_SIGNATURE_INSIDE_VALIDITY = "claimSignature.insideValidity";
    public static final String CLAIM_SIGNATURE_MISSING = "claimSignature.missing";
    public static final String CLAIM_SIGNATURE_MISMATCH = "claimSignature.mismatch";
    public static final String SIGNING_CREDENTIAL_TRUSTED = "signingCredential.trusted";
    public static final String SIGNING_CREDENTIAL_UNTRUSTED = "signingCredential.untrusted";
    public static final String SIGNING_CREDENTIAL_INVALID = "signingCredential.invalid";
    public static final String SIGNING_CREDENTIAL_EXPIRED = "signingCredential.expired";
    public static final String OCSP_SKIPPED = "signingCredential.ocsp.skipped";
    public static final String TIMESTAMP_VALIDATED = "timeStamp.validated";
    public static final String TIMESTAMP_TRUSTED = "timeStamp.trusted";
    public static final String TIMESTAMP_UNTRUSTED = "timeStamp.untrusted";
    public static final String TIMESTAMP_MISMATCH = "timeStamp.mismatch";
    public static final String TIMESTAMP_MALFORMED = "timeStamp.malformed";
    public static final String TIMESTAMP_OUTSIDE_VALIDITY = "timeStamp.outsideValidity";
    public static final String ALGORITHM_UNSUPPORTED = "algorithm.unsupported";
    public static final String HASHED_URI_MATCH = "assertion.hashedURI.match";
    public static final String HASHED_URI_MISMATCH = "assertion.hashedURI.mismatch";
    public static final String ASSERTION_MISSING = "assertion.missing";
    public static final String ASSERTION_UNDECLARED = "assertion.undeclared";
    public static final String ASSERTION_OUTSIDE_MANIFEST = "assertion.outsideManifest";
    public static final String ASSERTION_CBOR_INVALID = "assertion.cbor.invalid";
    public static final String ASSERTION_JSON_INVALID = "assertion.json.invalid";
    public static final String DATA_HASH_MATCH = "assertion.dataHash.match";
    public static final String DATA_HASH_MISMATCH = "assertion.dataHash.mismatch";
    public static final String DATA_HASH_MALFORMED = "assertion.dataHash.malformed";
    public static final String DATA_HASH_ADDITIONAL_EXCLUSIONS = "assertion.dataHash.additionalExclusionsPresent";
    public static final String BOXES_HASH_MATCH = "assertion.boxesHash.match";
    public static final String BOXES_HASH_MISMATCH = "assertion.boxesHash.mismatch";
    public static final String BOXES_HASH_UNKNOWN_BOX = "assertion.boxesHash.unknownBox";
    public static final String HARD_BINDINGS_MISSING = "claim.hardBindings.missing";
    public static final String MULTIPLE_HARD_BINDINGS = "assertion.multipleHardBindings";
    public static final String ACTION_MALFORMED = "assertion.action.malformed";
    public static final String ACTION_INGREDIENT_MISMATCH = "assertion.action.ingredientMismatch";
    public static final String INGREDIENT_MALFORMED = "assertion.ingredient.malformed";
    public static final String MULTIPLE_PARENTS = "manifest.multipleParents";
    public static final String INGREDIENT_MANIFEST_VALIDATED = "ingredient.manifest.validated";
    public static final String INGREDIENT_MANIFEST_MISSING = "ingredient.manifest.missing";
    public static final String INGREDIENT_MANIFEST_MISMATCH = "ingredient.manifest.mismatch";
    public static final String INGREDIENT_CLAIM_SIGNATURE_VALIDATED = "ingredient.claimSignature.validated";
    public static final String INGREDIENT_CLAIM_SIGNATURE_MISMATCH = "ingredient.claimSignature.mismatch";
    public static final String INGREDIENT_CLAIM_SIGNATURE_MISSING = "ingredient.claimSignature.missing";
    public static final String INGREDIENT_UNKNOWN_PROVENANCE = "ingredient.unknownProvenance";
    // CAWG identity assertion 1.3 §8.2, as c2pa-rs names them
    public static final String CAWG_IDENTITY_WELL_FORMED = "cawg.identity.well-formed";
    public static final String CAWG_IDENTITY_CBOR_INVALID = "cawg.identity.cbor.invalid";
    public static final String CAWG_IDENTITY_PAD_INVALID = "cawg.identity.pad.invalid";
    public static final String CAWG_IDENTITY_ASSERTION_MISMATCH = "cawg.identity.assertion.mismatch";
    public static final String CAWG_IDENTITY_ASSERTION_DUPLICATE = "cawg.identity.assertion.duplicate";
    public static final String CAWG_IDENTITY_HARD_BINDING_MISSING = "cawg.identity.hard_binding_missing";
    public static final String CAWG_IDENTITY_SIG_TYPE_UNKNOWN = "cawg.identity.sig_type.unknown";
    public static final String CAWG_X509_SIGNATURE_VALIDATED = "cawg.x509.signature.validated";
    public static final String CAWG_X509_SIGNATURE_MISMATCH = "cawg.x509.signature.mismatch";
    public static final String CAWG_X509_SIGNATURE_OUTSIDE_VALIDITY = "cawg.x509.signature.outside_validity";
    public static final String CAWG_X509_ALGORITHM_UNSUPPORTED = "cawg.x509.algorithm.unsupported";
    public static final String CAWG_X509_TRUSTED = "cawg.x509.credential.trusted";
    public static final String CAWG_X509_UNTRUSTED = "cawg.x509.credential.untrusted";
    public static final String CAWG_X509_CREDENTIAL_INVALID = "cawg.x509.credential.invalid";
    public static final String GENERAL_ERROR = "general.error";

    private static final Set<String> SUCCESS = Set.of(CLAIM_SIGNATURE_VALIDATED, CLAIM_SIGNATURE_INSIDE_VALIDITY,
            SIGNING_CREDENTIAL_TRUSTED, "signingCredential.ocsp.notRevoked", TIMESTAMP_VALIDATED, TIMESTAMP_TRUSTED,
            HASHED_URI_MATCH, DATA_HASH_MATCH, BOXES_HASH_MATCH, "assertion.bmffHash.match",
            "assertion.collectionHash.match", "assertion.multiAssetHash.match", "assertion.accessible",
            INGREDIENT_MANIFEST_VALIDATED, INGREDIENT_CLAIM_SIGNATURE_VALIDATED, CAWG_IDENTITY_WELL_FORMED,
            CAWG_X509_TRUSTED, CAWG_X509_SIGNATURE_VALIDATED);

    private static final Set<String> INFORMATIONAL = Set.of(TIMESTAMP_UNTRUSTED, TIMESTAMP_MALFORMED,
            TIMESTAMP_MISMATCH, TIMESTAMP_OUTSIDE_VALIDITY, "timeOfSigning.insideValidity",
            "timeOfSigning.outsideValidity", OCSP_SKIPPED, "signingCredential.ocsp.inaccessible",
            INGREDIENT_UNKNOWN_PROVENANCE, "manifest.unknownProvenance", DATA_HASH_ADDITIONAL_EXCLUSIONS,
            "algorithm.deprecated");

    /**
     * Failures that still leave a manifest Valid (not Trusted): an unknown signer, and the trust of CAWG identity
     * credentials, which c2pa-rs tolerates the same way.
     */
    public static boolean isToleratedFailure(String code) {
        return SIGNING_CREDENTIAL_UNTRUSTED.equals(code) || code.startsWith("cawg.x509.");
    }

    public static StatusEntry.Kind kindOf(String code) {
        if (SUCCESS.contains(code)) {
            return StatusEntry.Kind.SUCCESS;
        }
        return INFORMATIONAL.contains(code) ? StatusEntry.Kind.INFORMATIONAL : StatusEntry.Kind.FAILURE;
    }
}
