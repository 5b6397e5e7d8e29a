package io.credmark.c2pa.assertion;

import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.claim.HashedUri;
import java.util.List;

/**
 * The CAWG identity assertion ({@code cawg.identity}, CAWG identity 1.x §5.2, guide §5.6) with an X.509 credential:
 * {@code {signer_payload: {referenced_assertions, sig_type}, signature, pad1}}. The signature is a COSE_Sign1 whose
 * detached payload is the signer payload's CBOR.
 */
public final class IdentityAssertion {

    public static final String LABEL = "cawg.identity";
    public static final String SIG_TYPE_X509 = "cawg.x509.cose";

    private IdentityAssertion() {
    }

    /**
     * The bytes the credential signs: the signer payload with definite lengths and its keys in the order
     * {@code referenced_assertions, sig_type, role}, which is how c2pa-rs re-encodes it before verifying (guide §5.6).
     *
     * @param roles empty for none
     */
    public static byte[] signerPayload(List<HashedUri> referenced, String sigType, List<String> roles) {
        CborWriter w = new CborWriter();
        writeSignerPayload(w, referenced, sigType, roles);
        return w.toByteArray();
    }

    /**
     * The whole assertion. {@code pad1} is zeros; the signature is padded by its own COSE structure to the size
     * reserved for it, so the assertion keeps one length from the first layout to the signed one.
     */
    public static byte[] encode(List<HashedUri> referenced, byte[] signature, int pad1) {
        CborWriter w = new CborWriter().map(3).key("signer_payload");
        writeSignerPayload(w, referenced, SIG_TYPE_X509, List.of());
        return w.key("signature").bytes(signature).key("pad1").bytes(new byte[pad1]).endMap().toByteArray();
    }

    private static void writeSignerPayload(CborWriter w, List<HashedUri> referenced, String sigType,
            List<String> roles) {
        w.map(roles.isEmpty() ? 2 : 3).key("referenced_assertions").array(referenced.size());
        referenced.forEach(r -> r.writeTo(w));
        w.endArray().key("sig_type").text(sigType);
        if (!roles.isEmpty()) {
            w.key("role").array(roles.size());
            roles.forEach(w::text);
            w.endArray();
        }
        w.endMap();
    }
}
