package io.credmark.c2pa.assertion;

import io.credmark.c2pa.cbor.CborWriter;
import java.util.Map;

/**
 * {@code cawg.training-mining} (CAWG Training and Data Mining assertion 1.1): per use, whether the rights holder
 * allows it: {@code {"entries": {"cawg.ai_training": {"use": "notAllowed"}, …}}}, with {@code constraint_info}
 * when the use is {@code constrained}.
 */
public final class TrainingMiningAssertion {

    public static final String LABEL = "cawg.training-mining";

    /** One entry's value: {@code allowed}, {@code notAllowed} or {@code constrained}, and for the last a note. */
    public record Use(String use, String constraintInfo) {
    }

    private TrainingMiningAssertion() {
    }

    /** @param entries entry name (e.g. {@code cawg.ai_training}) to its use, in the order to write them */
    public static byte[] encode(Map<String, Use> entries) {
        CborWriter w = new CborWriter().map(1).key("entries").map(entries.size());
        entries.forEach((name, use) -> {
            w.key(name).map(use.constraintInfo() == null ? 1 : 2).key("use").text(use.use());
            if (use.constraintInfo() != null) {
                w.key("constraint_info").text(use.constraintInfo());
            }
            w.endMap();
        });
        return w.endMap().endMap().toByteArray();
    }
}
