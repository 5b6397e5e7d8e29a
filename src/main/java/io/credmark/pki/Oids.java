package io.credmark.pki;

/** Object identifiers this package checks or writes, in dotted form as the JDK reports them. */
final class Oids {

    // Extensions, RFC 5280 §4.2.
    static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    static final String KEY_USAGE = "2.5.29.15";
    static final String SUBJECT_ALT_NAME = "2.5.29.17";
    static final String BASIC_CONSTRAINTS = "2.5.29.19";
    static final String NAME_CONSTRAINTS = "2.5.29.30";
    static final String CRL_DISTRIBUTION_POINTS = "2.5.29.31";
    static final String CERTIFICATE_POLICIES = "2.5.29.32";
    static final String POLICY_MAPPINGS = "2.5.29.33";
    static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
    static final String POLICY_CONSTRAINTS = "2.5.29.36";
    static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    static final String INHIBIT_ANY_POLICY = "2.5.29.54";
    static final String AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";
    static final String NETSCAPE_CERT_TYPE = "2.16.840.1.113730.1.1";

    // Extended key usages.
    static final String EKU_ANY = "2.5.29.37.0";
    static final String EKU_EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    static final String EKU_TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    static final String EKU_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    /** id-kp-documentSigning, RFC 9336. */
    static final String EKU_DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36";
    /** c2pa-kp-claimSigning, C2PA specification §14.5.1. */
    static final String EKU_C2PA_CLAIM_SIGNING = "1.3.6.1.4.1.62558.2.1";
    /** Microsoft's content-provenance signing EKU, in c2pa-rs's default list. */
    static final String EKU_MICROSOFT_C2PA = "1.3.6.1.4.1.311.76.59.1.9";

    // Public key algorithms.
    static final String KEY_RSA = "1.2.840.113549.1.1.1";
    static final String KEY_RSASSA_PSS = "1.2.840.113549.1.1.10";
    static final String KEY_EC = "1.2.840.10045.2.1";
    static final String KEY_ED25519 = "1.3.101.112";

    // Named curves.
    static final String CURVE_P256 = "1.2.840.10045.3.1.7";
    static final String CURVE_P384 = "1.3.132.0.34";
    static final String CURVE_P521 = "1.3.132.0.35";

    // Signature algorithms.
    static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    static final String ECDSA_SHA384 = "1.2.840.10045.4.3.3";
    static final String ECDSA_SHA512 = "1.2.840.10045.4.3.4";
    static final String RSA_SHA256 = "1.2.840.113549.1.1.11";
    static final String RSA_SHA384 = "1.2.840.113549.1.1.12";
    static final String RSA_SHA512 = "1.2.840.113549.1.1.13";
    static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    static final String ED25519 = "1.3.101.112";

    // Hash algorithms.
    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String SHA384 = "2.16.840.1.101.3.4.2.2";
    static final String SHA512 = "2.16.840.1.101.3.4.2.3";

    private Oids() {
    }
}
