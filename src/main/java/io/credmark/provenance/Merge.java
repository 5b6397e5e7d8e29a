package io.credmark.provenance;

import java.util.Objects;

/**
 * One ingredient of a checkpoint merge.
 *
 * @param model  required; the merged model (a name or a full reference)
 * @param weight optional merge ratio
 */
public record Merge(ModelReference model, Double weight) {

    public Merge {
        Objects.requireNonNull(model, "model");
        Require.finite(weight, "weight");
    }
}
