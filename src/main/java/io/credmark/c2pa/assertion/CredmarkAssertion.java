package io.credmark.c2pa.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.cbor.CborWriter;

/**
 * credmark's own assertion (a vendor label, spec 2.2 §6.2.2): the provenance document, field by field, and the
 * credential it belongs to. It is a separate, salted assertion rather than action parameters, because action
 * assertions can never be redacted (spec 2.2 §6.8) while provenance details may have to be.
 */
public final class CredmarkAssertion {

    public static final String LABEL = "io.credmark.provenance";
    public static final int VERSION = 1;

    private CredmarkAssertion() {
    }

    /**
     * @param provenance the provenance document as a JSON tree (written with definite lengths, in tree order)
     * @param credential {@code {id, url}} of the credential record, or {@code null} when stamped offline
     */
    public static byte[] encode(JsonNode provenance, JsonNode credential) {
        CborWriter w = new CborWriter().map(credential == null ? 2 : 3).key("version").integer(VERSION);
        if (credential != null) {
            w.key("credential").json(credential);
        }
        return w.key("provenance").json(provenance).endMap().toByteArray();
    }
}
