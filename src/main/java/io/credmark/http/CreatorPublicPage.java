package io.credmark.http;

import io.credmark.creators.RegisteredModel;
import io.credmark.usage.CreatorProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A creator's public page ({@code /u/{handle}}): what they say about themselves, and their models with, where they
 * chose so, usage totals. Every value is escaped; the link is shown as text and followed only as an http(s) URL.
 */
final class CreatorPublicPage {

    private CreatorPublicPage() {
    }

    static String render(CreatorProfile p, List<RegisteredModel> models, UnaryOperator<String> modelPage,
            Function<String, Optional<Map<String, Long>>> publicTotals, String base) {
        String title = p.displayName().orElse(p.handle());
        Html h = new Html();
        h.markup("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .markup("<title>").text(title + " on credmark").markup("</title>")
                .markup(WebHandlers.stylesheet(base))
                .markup("</head><body><main class=\"profile\"><h1 id=\"display-name\">").text(title).markup("</h1>")
                .markup("<p class=\"small\">Creator handle <code id=\"handle\">").text(p.handle())
                .markup("</code></p>");
        p.bio().ifPresent(b -> h.markup("<p id=\"bio\" class=\"bio\">").text(b).markup("</p>"));
        p.link().ifPresent(l -> h.markup("<p><a id=\"link\" rel=\"nofollow noopener noreferrer ugc\"")
                .attribute("href", l).markup(">").text(l).markup("</a></p>"));
        h.markup("<section class=\"panel\"><h2>Models</h2>");
        if (models.isEmpty()) {
            h.markup("<p>No registered models yet.</p>");
        } else {
            h.markup("<ul id=\"models\">");
            for (RegisteredModel m : models) {
                h.markup("<li><a").attribute("href", modelPage.apply(m.id())).markup(">").text(m.name())
                        .markup("</a> <span class=\"small\">").text(m.id()).markup("</span>");
                publicTotals.apply(m.id()).ifPresent(t -> {
                    h.markup("<dl class=\"totals\">");
                    t.forEach((event, n) -> h.element("dt", event).element("dd", Long.toString(n)));
                    h.markup("</dl>");
                });
                h.markup("</li>");
            }
            h.markup("</ul>");
        }
        h.markup("</section></main></body></html>\n");
        return h.toString();
    }
}
