package io.credmark.c2pa.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.claim.HashedUri;
import java.util.Optional;

/**
 * {@code c2pa.ingredient.v3} (spec 2.2 §18.6): an asset this one was made from. When the ingredient carries its own
 * manifest, {@code activeManifest} and {@code claimSignature} point at that manifest (copied into this store) and
 * {@code validationResults} records what validating it gave at the time.
 */
public record IngredientAssertion(String title, String format, String relationship, HashedUri activeManifest,
        HashedUri claimSignature, ValidationResults validationResults) {

    public static final String LABEL_V3 = "c2pa.ingredient.v3";
    public static final String PARENT_OF = "parentOf";
    public static final String COMPONENT_OF = "componentOf";
    public static final String INPUT_TO = "inputTo";

    public byte[] encode() {
        int n = 3 + (activeManifest == null ? 0 : 1) + (claimSignature == null ? 0 : 1)
                + (validationResults == null ? 0 : 1);
        CborWriter w = new CborWriter().map(n);
        w.key("dc:title").text(title).key("dc:format").text(format).key("relationship").text(relationship);
        if (validationResults != null) {
            w.key("validationResults");
            validationResults.writeTo(w);
        }
        if (activeManifest != null) {
            w.key("activeManifest");
            activeManifest.writeTo(w);
        }
        if (claimSignature != null) {
            w.key("claimSignature");
            claimSignature.writeTo(w);
        }
        return w.endMap().toByteArray();
    }

    /** What a reader needs from any ingredient version: v1 and v2 name the manifest with {@code c2pa_manifest}. */
    public record Read(String label, String title, String format, String relationship,
            Optional<HashedUri> activeManifest, Optional<HashedUri> claimSignature, JsonNode node) {
    }

    public static Read decode(String label, JsonNode n) {
        Optional<HashedUri> manifest = HashedUri.from(n.get("activeManifest"));
        if (manifest.isEmpty()) {
            manifest = HashedUri.from(n.get("c2pa_manifest"));
        }
        return new Read(label, n.path("dc:title").asText(null), n.path("dc:format").asText(null),
                n.path("relationship").asText("componentOf"), manifest, HashedUri.from(n.get("claimSignature")), n);
    }
}
