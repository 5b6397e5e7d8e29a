package io.credmark.c2pa.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.assertion.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a manifest says, read as it is (whether or not it validates): enough to present it to a person.
 *
 * @param assertions every assertion's label and, for CBOR and JSON assertions, its content as a JSON tree
 * @param signer     empty when the signature could not be read
 */
public record ManifestSummary(
        String label,
        int claimVersion,
        String claimGenerator,
        Optional<String> title,
        Optional<SignerInfo> signer,
        List<Action> actions,
        Map<String, JsonNode> assertions,
        List<IngredientSummary> ingredients) {

    /** credmark's own assertion, when the manifest carries one. */
    public Optional<JsonNode> assertion(String label) {
        return Optional.ofNullable(assertions.get(label));
    }
}
