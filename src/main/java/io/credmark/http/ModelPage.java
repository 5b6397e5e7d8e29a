package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.creators.ModelView;
import io.credmark.issuance.ProvenanceInput;
import io.credmark.provenance.ProvenanceSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A registered model's page for people: the record's fields its viewer may see, the lineage upstream with the
 * creators credited, and the models made from it. Plain HTML and the site's style sheet, every value escaped, no
 * script.
 */
final class ModelPage {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self';"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ModelPage() {
    }

    /**
     * @param usageTotals the model's usage totals per event, when its creator made them public
     * @param basePath    the path of the public URL, where the style sheet is
     */
    static String render(ModelView v, UnaryOperator<String> jsonUrl,
            java.util.Optional<Map<String, Long>> usageTotals, String basePath) {
        String name = v.model().name();
        String creator = v.model().creatorHandle();
        Html h = new Html();
        h.markup("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .markup("<title>").text(name + " by " + creator + " · registered model").markup("</title>")
                .markup("<link rel=\"alternate\" type=\"application/json\"")
                .attribute("href", jsonUrl.apply(v.model().id()))
                .markup(">").markup(WebHandlers.stylesheet(basePath))
                .markup("</head><body class=\"model-page\"><main><header><h1>").text(name)
                .markup("</h1><p>Registered model ").markup("<code>").text(v.model().id()).markup("</code> by ")
                .text(creator).markup(", revision ").text(Integer.toString(v.model().revision()))
                .markup("</p></header>");

        Map<String, JsonNode> fields = new LinkedHashMap<>();
        ProvenanceSchema.declaredFields().forEach(f -> {
            JsonNode value = v.record();
            for (String s : f.segments()) {
                value = value.path(s);
            }
            if (!value.isMissingNode()) {
                fields.put(f.path(), value);
            }
        });
        for (String section : new String[] {"creator", "model", "lineage", "usage"}) {
            boolean open = false;
            for (Map.Entry<String, JsonNode> f : fields.entrySet()) {
                if (!f.getKey().startsWith(section + ".")) {
                    continue;
                }
                if (!open) {
                    h.markup("<section>").element("h2", Character.toUpperCase(section.charAt(0))
                            + section.substring(1)).markup("<dl>");
                    open = true;
                }
                h.element("dt", f.getKey().substring(section.length() + 1)).markup("<dd>");
                value(h, f.getValue());
                h.markup("</dd>");
            }
            if (open) {
                h.markup("</dl></section>");
            }
        }

        h.markup("<section><h2>Made from</h2>");
        if (v.upstream().isEmpty()) {
            h.markup("<p>No registered models upstream.</p>");
        } else {
            h.markup("<ul>");
            for (ModelView.ModelSummary s : v.upstream()) {
                h.markup("<li><a").attribute("href", s.url()).markup(">").text(s.name()).markup("</a> by ")
                        .text(s.creator()).markup(s.depth() > 1 ? " (indirectly)" : "").markup("</li>");
            }
            h.markup("</ul>");
            if (!v.credits().isEmpty()) {
                h.markup("<p>Credits: ").text(String.join(", ", v.credits())).markup("</p>");
            }
        }
        h.markup("</section><section><h2>Used by</h2>");
        if (v.usedBy().isEmpty()) {
            h.markup("<p>No registered model names it in its lineage.</p>");
        } else {
            h.markup("<ul>");
            for (ModelView.Use u : v.usedBy()) {
                h.markup("<li><a").attribute("href", u.model().url()).markup(">").text(u.model().name())
                        .markup("</a> by ").text(u.model().creator())
                        .text(u.kind().equals("merges") ? " (merge" + (u.weight() == null ? "" : ", " + u.weight())
                                + ")" : " (base model)").markup("</li>");
            }
            h.markup("</ul>");
        }
        h.markup("</section>");
        usageTotals.ifPresent(t -> {
            h.markup("<section id=\"usage-figures\"><h2>Usage figures</h2>");
            if (t.isEmpty()) {
                h.markup("<p>Nothing counted yet.</p>");
            } else {
                h.markup("<p>Counted events over the days kept, all credentials of this model:</p><dl>");
                t.forEach((event, n) -> h.element("dt", event).element("dd", Long.toString(n)));
                h.markup("</dl>");
            }
            h.markup("</section>");
        });
        h.markup("<p>To stamp with this model, name it in the provenance part: <code>")
                .text("{\"" + ProvenanceInput.REGISTERED_MODEL + "\": \"" + v.model().id() + "\", \"generation\": {…}}")
                .markup("</code></p></main></body></html>\n");
        return h.toString();
    }

    private static void value(Html h, JsonNode v) {
        if (v.isArray()) {
            h.markup("<ul>");
            for (JsonNode item : v) {
                h.markup("<li>");
                value(h, item);
                h.markup("</li>");
            }
            h.markup("</ul>");
        } else if (v.isObject()) {
            h.markup("<code>").text(v.toString()).markup("</code>");
        } else {
            h.text(v.asText());
        }
    }
}
