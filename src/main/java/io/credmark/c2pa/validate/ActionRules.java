package io.credmark.c2pa.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.assertion.Action;
import io.credmark.c2pa.assertion.ActionsAssertion;
import io.credmark.c2pa.assertion.IngredientAssertion;
import io.credmark.c2pa.claim.HashedUri;
import io.credmark.c2pa.claim.JumbfUri;
import java.util.List;
import java.util.Map;

/**
 * Spec 2.2 §18.4.4 (v2 claims): the first actions assertion begins with {@code c2pa.created} or
 * {@code c2pa.opened}, which appear nowhere else; {@code c2pa.created} names a digital source type;
 * {@code c2pa.opened} refers to the parent ingredient.
 */
final class ActionRules {

    private ActionRules() {
    }

    static void check(String manifest, Map<String, JsonNode> contents, List<IngredientAssertion.Read> ingredients,
            StatusLog log) {
        boolean first = true;
        if (contents.keySet().stream().noneMatch(l -> ManifestValidation.baseLabel(l).equals(ActionsAssertion.LABEL))) {
            log.add(StatusCode.ACTION_MALFORMED, manifest, "a v2 manifest needs an actions assertion that starts"
                    + " with c2pa.created or c2pa.opened");
        }
        for (Map.Entry<String, JsonNode> e : contents.entrySet()) {
            if (!ManifestValidation.baseLabel(e.getKey()).equals(ActionsAssertion.LABEL)) {
                continue;
            }
            String url = JumbfUri.absolute(manifest, "c2pa.assertions", e.getKey());
            List<Action> actions = ActionsAssertion.decode(e.getValue());
            for (int i = 0; i < actions.size(); i++) {
                Action a = actions.get(i);
                boolean origin = Action.CREATED.equals(a.action()) || Action.OPENED.equals(a.action());
                if (first && i == 0 && !origin) {
                    log.add(StatusCode.ACTION_MALFORMED, url, "first action must be c2pa.created or c2pa.opened");
                } else if (origin && !(first && i == 0)) {
                    log.add(StatusCode.ACTION_MALFORMED, url, a.action() + " may only be the first action");
                }
                if (Action.CREATED.equals(a.action()) && a.digitalSourceType() == null) {
                    log.add(StatusCode.ACTION_MALFORMED, url, "c2pa.created requires a digitalSourceType");
                }
                if (Action.OPENED.equals(a.action()) && !a.ingredients().isEmpty()
                        && !refersToParent(manifest, a.ingredients(), ingredients)) {
                    log.add(StatusCode.ACTION_INGREDIENT_MISMATCH, url, "c2pa.opened does not name a parentOf ingredient");
                }
            }
            first = false;
        }
    }

    private static boolean refersToParent(String manifest, List<HashedUri> refs,
            List<IngredientAssertion.Read> ingredients) {
        for (HashedUri ref : refs) {
            String target = ManifestValidation.lastSegment(ref.url());
            boolean parent = ingredients.stream().anyMatch(
                    i -> i.label().equals(target) && IngredientAssertion.PARENT_OF.equals(i.relationship()));
            if (!parent) {
                return false;
            }
        }
        return true;
    }
}
