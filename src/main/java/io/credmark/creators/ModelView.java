package io.credmark.creators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A registered model as one viewer may see it: the record's fields their level lets them see, the lineage upstream
 * (transitively) and the models made from it, as far as their creators disclose those lineage fields.
 *
 * @param owner       whether the viewer is the model's creator (and sees every field)
 * @param record      the visible fields of the record
 * @param upstream    every registered model it was made from, directly or not, nearest first
 * @param edges       the lineage links among the model and its upstream
 * @param usedBy      the registered models made directly from it
 * @param credits     the handles of the creators upstream: credit flows to them
 * @param credentials how many credentials were stamped naming this model
 */
public record ModelView(RegisteredModel model, String url, boolean owner, ObjectNode record,
        List<ModelSummary> upstream, List<Link> edges, List<Use> usedBy, List<String> credits, long credentials) {

    /** A model named in a view: enough to show and link it. */
    public record ModelSummary(String id, String name, String creator, String url, int depth) {
    }

    /** {@code model} was made from {@code upstream}, as a base model or a merge ingredient. */
    public record Link(String model, String upstream, String kind, Double weight) {
    }

    /** A model made from this one. */
    public record Use(ModelSummary model, String kind, Double weight) {
    }
}
