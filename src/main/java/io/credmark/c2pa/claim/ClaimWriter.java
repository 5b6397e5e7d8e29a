package io.credmark.c2pa.claim;

import io.credmark.c2pa.cbor.CborWriter;
import java.util.List;

/** Encodes a version 2 claim (spec 2.2 §10.2), with the keys in the order c2pa-rs writes them. */
public final class ClaimWriter {

    private ClaimWriter() {
    }

    public record GeneratorInfo(String name, String version) {
    }

    public static byte[] encode(String instanceId, GeneratorInfo generator, String signatureUrl,
            List<HashedUri> created, List<HashedUri> gathered, String title, String alg) {
        int entries = 5 + (gathered.isEmpty() ? 0 : 1) + (title == null ? 0 : 1);
        CborWriter w = new CborWriter().map(entries);
        w.key("instanceID").text(instanceId);
        w.key("claim_generator_info").map(2).key("name").text(generator.name()).key("version")
                .text(generator.version()).endMap();
        w.key("signature").text(signatureUrl);
        w.key("created_assertions");
        list(w, created);
        if (!gathered.isEmpty()) {
            w.key("gathered_assertions");
            list(w, gathered);
        }
        if (title != null) {
            w.key("dc:title").text(title);
        }
        w.key("alg").text(alg);
        return w.endMap().toByteArray();
    }

    private static void list(CborWriter w, List<HashedUri> uris) {
        w.array(uris.size());
        uris.forEach(u -> u.writeTo(w));
        w.endArray();
    }
}
