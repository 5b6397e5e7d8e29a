package io.credmark.c2pa.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.claim.HashedUri;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code c2pa.actions.v2} (spec 2.2 §18.4): what happened to the asset, first of all how it came to be. */
public final class ActionsAssertion {

    public static final String LABEL = "c2pa.actions.v2";
    public static final String LABEL_V1 = "c2pa.actions";

    private ActionsAssertion() {
    }

    public static byte[] encode(List<Action> actions) {
        CborWriter w = new CborWriter().map(1).key("actions").array(actions.size());
        for (Action a : actions) {
            boolean hasParams = !a.ingredients().isEmpty();
            int n = 1 + count(a.digitalSourceType(), a.softwareAgent(), a.when(), a.description()) + (hasParams ? 1 : 0)
                    + (a.changes().isEmpty() ? 0 : 1);
            w.map(n).key("action").text(a.action());
            if (a.softwareAgent() != null) {
                Action.SoftwareAgent s = a.softwareAgent();
                w.key("softwareAgent").map(s.version() == null ? 1 : 2).key("name").text(s.name());
                if (s.version() != null) {
                    w.key("version").text(s.version());
                }
                w.endMap();
            }
            if (a.when() != null) {
                w.key("when").tag(0).text(DateTimeFormatter.ISO_INSTANT.format(a.when().truncatedTo(ChronoUnit.SECONDS)));
            }
            if (hasParams) {
                w.key("parameters").map(1).key("ingredients").array(a.ingredients().size());
                a.ingredients().forEach(i -> i.writeTo(w));
                w.endArray().endMap();
            }
            if (a.digitalSourceType() != null) {
                w.key("digitalSourceType").text(a.digitalSourceType());
            }
            if (a.description() != null) {
                w.key("description").text(a.description());
            }
            if (!a.changes().isEmpty()) {
                w.key("changes").array(a.changes().size());
                a.changes().forEach(r -> writeRegion(w, r));
                w.endArray();
            }
            w.endMap();
        }
        return w.endArray().endMap().toByteArray();
    }

    /**
     * {@code {region: [{type: spatial, shape: {type: rectangle, unit: pixel, origin, width, height}}], description}}.
     * No {@code role}: c2pa-rs 0.91.3 cannot decode one, and fails the whole actions assertion.
     */
    private static void writeRegion(CborWriter w, Action.Region r) {
        w.map(r.description() == null ? 1 : 2).key("region").array(1).map(2).key("type").text("spatial")
                .key("shape").map(5).key("type").text("rectangle").key("unit").text("pixel")
                .key("origin").map(2).key("x").decimal(r.x()).key("y").decimal(r.y()).endMap()
                .key("width").decimal(r.width()).key("height").decimal(r.height()).endMap().endMap().endArray();
        if (r.description() != null) {
            w.key("description").text(r.description());
        }
        w.endMap();
    }

    /** Reads the actions of a v1 or v2 actions assertion, tolerating what a summary does not need. */
    public static List<Action> decode(JsonNode node) {
        List<Action> out = new ArrayList<>();
        for (JsonNode a : node.path("actions")) {
            JsonNode agent = a.path("softwareAgent");
            Action.SoftwareAgent sa = null;
            if (agent.isTextual()) {
                sa = new Action.SoftwareAgent(agent.textValue(), null);
            } else if (agent.isObject() && agent.path("name").isTextual()) {
                sa = new Action.SoftwareAgent(agent.get("name").textValue(), agent.path("version").asText(null));
            }
            List<HashedUri> ingredients = new ArrayList<>();
            a.path("parameters").path("ingredients").forEach(i -> HashedUri.from(i).ifPresent(ingredients::add));
            HashedUri.from(a.path("parameters").path("ingredient")).ifPresent(ingredients::add);
            out.add(new Action(a.path("action").asText(""), a.path("digitalSourceType").asText(null), sa,
                    parseInstant(a.path("when").asText(null)).orElse(null), ingredients,
                    a.path("description").asText(null)));
        }
        return out;
    }

    private static Optional<Instant> parseInstant(String s) {
        try {
            return s == null ? Optional.empty() : Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static int count(Object... values) {
        int n = 0;
        for (Object v : values) {
            if (v != null) {
                n++;
            }
        }
        return n;
    }
}
