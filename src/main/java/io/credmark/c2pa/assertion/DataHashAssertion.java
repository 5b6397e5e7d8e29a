package io.credmark.c2pa.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.container.ByteRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code c2pa.hash.data} (spec 2.2 §18.5): the hard binding of a manifest to the bytes of its asset, a hash of the
 * whole file minus the exclusions (the manifest store's carrier).
 *
 * @param pad zero bytes that let the assertion keep its size when the exclusion's numbers grow
 */
public record DataHashAssertion(List<ByteRange> exclusions, String name, String alg, byte[] hash, int pad) {

    public static final String LABEL = "c2pa.hash.data";

    /** Key order as c2pa-rs writes it: exclusions, name, alg, hash, pad. */
    public byte[] encode() {
        CborWriter w = new CborWriter().map(5).key("exclusions").array(exclusions.size());
        for (ByteRange r : exclusions) {
            w.map(2).key("start").integer(r.start()).key("length").integer(r.length()).endMap();
        }
        return w.endArray().key("name").text(name).key("alg").text(alg).key("hash").bytes(hash)
                .key("pad").bytes(new byte[pad]).endMap().toByteArray();
    }

    /** Read back for validation; absent or mistyped fields leave the result empty (the caller reports malformed). */
    public static Optional<Read> decode(JsonNode n) {
        if (!n.isObject() || !n.path("hash").isBinary()) {
            return Optional.empty();
        }
        List<long[]> exclusions = new ArrayList<>();
        for (JsonNode e : n.path("exclusions")) {
            if (!e.path("start").canConvertToLong() || !e.path("length").canConvertToLong()) {
                return Optional.empty();
            }
            exclusions.add(new long[] {e.get("start").longValue(), e.get("length").longValue()});
        }
        boolean padsZero = zeros(n.path("pad")) && zeros(n.path("pad2"));
        try {
            return Optional.of(new Read(exclusions, n.path("alg").asText(null), n.get("hash").binaryValue(), padsZero));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean zeros(JsonNode pad) {
        if (pad.isMissingNode()) {
            return true;
        }
        try {
            for (byte b : pad.binaryValue()) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | NullPointerException e) {
            return false;
        }
    }

    /**
     * A data hash as found in a file.
     *
     * @param exclusions pairs {@code [start, length]} as written (possibly negative or overlapping: the validator
     *                   judges them)
     * @param alg        {@code null} when the claim's algorithm applies
     */
    public record Read(List<long[]> exclusions, String alg, byte[] hash, boolean padsZero) {
    }
}
