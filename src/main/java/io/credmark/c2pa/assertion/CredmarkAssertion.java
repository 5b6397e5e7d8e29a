package io.credmark.c2pa.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.cbor.CborWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * credmark's own assertion (a vendor label, spec 2.2 §6.2.2). It is a separate, salted assertion rather than action
 * parameters, because action assertions can never be redacted (spec 2.2 §6.8).
 *
 * <p>Version 2 commits to the provenance field by field: the identity fields in clear, a digest per disclosable field
 * (decoys included), and the disclosures of the fields that are public, so that any verifier can read and prove
 * them while the rest stay hidden until their creator reveals them.
 *
 * <pre>
 * { "version": 2, ?"credential": {id, url}, "identity": {creator: {handle}, model: {name}},
 *   "digestAlg": "sha-256", "digests": [bstr], "disclosures": [tstr], ?"marker": {…}, ?"watermark": {…} }
 * </pre>
 */
public final class CredmarkAssertion {

    public static final String LABEL = "io.credmark.provenance";
    public static final int VERSION = 2;

    private CredmarkAssertion() {
    }

    /**
     * @param credential {@code {id, url}} of the credential record, or {@code null} when stamped offline
     * @param marker     the visible mark's record (box, style), or {@code null}
     * @param watermark  the invisible watermark's record (algorithm, version, payload id), or {@code null}
     */
    public record Content(JsonNode credential, JsonNode identity, String digestAlg, List<byte[]> digests,
            List<String> disclosures, JsonNode marker, JsonNode watermark) {

        public Content {
            digests = List.copyOf(digests);
            disclosures = List.copyOf(disclosures);
        }
    }

    public static byte[] encode(Content c) {
        int n = 5 + (c.credential() == null ? 0 : 1) + (c.marker() == null ? 0 : 1) + (c.watermark() == null ? 0 : 1);
        CborWriter w = new CborWriter().map(n).key("version").integer(VERSION);
        if (c.credential() != null) {
            w.key("credential").json(c.credential());
        }
        w.key("identity").json(c.identity()).key("digestAlg").text(c.digestAlg());
        w.key("digests").array(c.digests().size());
        c.digests().forEach(w::bytes);
        w.endArray().key("disclosures").array(c.disclosures().size());
        c.disclosures().forEach(w::text);
        w.endArray();
        if (c.marker() != null) {
            w.key("marker").json(c.marker());
        }
        if (c.watermark() != null) {
            w.key("watermark").json(c.watermark());
        }
        return w.endMap().toByteArray();
    }

    /** Reads the assertion as found in a manifest; empty when it is not a version this reader knows. */
    public static Optional<Content> decode(JsonNode n) {
        if (n == null || !n.isObject() || n.path("version").asInt() != VERSION || !n.path("identity").isObject()
                || !n.path("digests").isArray() || !n.path("disclosures").isArray()) {
            return Optional.empty();
        }
        List<byte[]> digests = new ArrayList<>();
        List<String> disclosures = new ArrayList<>();
        try {
            for (JsonNode d : n.get("digests")) {
                if (!d.isBinary()) {
                    return Optional.empty();
                }
                digests.add(d.binaryValue());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        for (JsonNode d : n.get("disclosures")) {
            if (!d.isTextual()) {
                return Optional.empty();
            }
            disclosures.add(d.textValue());
        }
        JsonNode credential = n.path("credential").isObject() ? n.get("credential") : null;
        JsonNode marker = n.path("marker").isObject() ? n.get("marker") : null;
        JsonNode watermark = n.path("watermark").isObject() ? n.get("watermark") : null;
        return Optional.of(new Content(credential, n.get("identity"), n.path("digestAlg").asText("sha-256"),
                digests, disclosures, marker, watermark));
    }
}
