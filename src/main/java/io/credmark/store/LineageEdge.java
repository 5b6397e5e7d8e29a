package io.credmark.store;

import java.util.Objects;

/**
 * A lineage entry of one registered model that names another: {@code modelId} was made from {@code upstreamId}.
 *
 * @param kind     the lineage field: {@code baseModels} or {@code merges}
 * @param position the entry's index in that field
 * @param weight   a merge's ratio, or {@code null}
 */
public record LineageEdge(String modelId, String upstreamId, String kind, int position, Double weight) {

    public LineageEdge {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(upstreamId, "upstreamId");
        Objects.requireNonNull(kind, "kind");
    }
}
