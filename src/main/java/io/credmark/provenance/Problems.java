package io.credmark.provenance;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one parse, so that the caller learns all of them at once. */
final class Problems {

    private final List<Problem> kept = new ArrayList<>();
    private int count;

    void add(String path, String message) {
        count++;
        if (kept.size() < ProvenanceLimits.MAX_REPORTED_PROBLEMS) {
            kept.add(new Problem(path, message));
        }
    }

    int count() {
        return count;
    }

    void throwIfAny() {
        if (count > 0) {
            throw new ProvenanceException(kept, count);
        }
    }
}
