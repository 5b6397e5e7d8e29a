package io.credmark.c2pa.claim;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.cbor.CborWriter;
import java.io.IOException;
import java.util.Optional;

/**
 * A reference that also commits to its target (spec 2.2 §8.3): {@code {url, ?alg, hash}}. The hash is over the
 * target superbox's payload, without its 8-byte header.
 *
 * @param alg {@code null} when the enclosing claim's algorithm applies
 */
public record HashedUri(String url, String alg, byte[] hash) {

    /** The map in the order c2pa-rs writes it: {@code url}, {@code alg} if any, {@code hash}. */
    public void writeTo(CborWriter w) {
        w.map(alg == null ? 2 : 3).key("url").text(url);
        if (alg != null) {
            w.key("alg").text(alg);
        }
        w.key("hash").bytes(hash).endMap();
    }

    public static Optional<HashedUri> from(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("url").isTextual() || !node.path("hash").isBinary()) {
            return Optional.empty();
        }
        try {
            String alg = node.path("alg").isTextual() ? node.get("alg").textValue() : null;
            return Optional.of(new HashedUri(node.get("url").textValue(), alg, node.get("hash").binaryValue()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
