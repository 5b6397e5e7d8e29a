package io.credmark.http;

import io.credmark.credential.Credential;
import io.credmark.usage.MisuseReports;

/**
 * The page to report a credential ({@code /c/{id}/report}), linked from the credential's page and the web
 * component's card. Its script ({@code /static/report.js}) posts the form as JSON to
 * {@code /v1/credentials/{id}/reports}.
 */
final class ReportPage {

    private ReportPage() {
    }

    static String render(Credential c, String credentialPage, String base) {
        String id = c.id().text();
        Html h = new Html();
        h.markup("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .markup("<meta name=\"robots\" content=\"noindex\"><title>Report a credential</title>")
                .markup(WebHandlers.stylesheet(base))
                .markup("<script").attribute("src", base + "/static/report.js").markup(" defer></script>")
                .markup("</head><body><main><h1>Report this image's credential</h1><p>The report goes to the creator ")
                .markup("<strong>").text(c.provenance().creator().handle()).markup("</strong> of the credential <a")
                .attribute("href", credentialPage).markup(">").text(id).markup("</a> (")
                .text(c.provenance().model().name()).markup("). Nothing about you is kept but what you write.</p>")
                .markup("<form id=\"report\" class=\"panel\"").attribute("data-action", base + "/v1/credentials/"
                        + id + "/reports").markup("><label class=\"line\" for=\"category\">What is wrong")
                .markup("<select id=\"category\" name=\"category\" required>");
        for (String category : MisuseReports.CATEGORIES) {
            h.markup("<option").attribute("value", category).markup(">").text(label(category)).markup("</option>");
        }
        h.markup("</select></label><label class=\"line\" for=\"message\">Message<textarea id=\"message\"")
                .markup(" name=\"message\" rows=\"5\" required").attribute("maxlength",
                        Integer.toString(MisuseReports.MAX_MESSAGE)).markup("></textarea></label>")
                .markup("<label class=\"line\" for=\"contact\">How the creator can reach you (optional, shown only to")
                .markup(" them)<input id=\"contact\" name=\"contact\" type=\"text\"").attribute("maxlength",
                        Integer.toString(MisuseReports.MAX_CONTACT)).markup("></label>")
                .markup("<p><button type=\"submit\">Send report</button></p>")
                .markup("<p id=\"report-status\" class=\"status-line\" role=\"status\"></p></form></main></body></html>\n");
        return h.toString();
    }

    private static String label(String category) {
        return switch (category) {
            case "violates-usage-terms" -> "It violates the model's usage terms";
            case "misattribution" -> "It is attributed to the wrong creator or model";
            case "impersonation" -> "It impersonates someone";
            case "harmful-content" -> "It is harmful content";
            default -> "Something else";
        };
    }
}
