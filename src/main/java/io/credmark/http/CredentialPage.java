package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.bytes.Sha256;
import io.credmark.creators.CredentialView;
import io.credmark.credential.Credential;
import io.credmark.credential.CredentialLinks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The credential's page for people: plain HTML and the site's style sheet, read on a phone, every value escaped, and
 * a form that checks an image against the credential (a few lines of inline script; the form also works without
 * them, answering with the JSON report).
 */
final class CredentialPage {

    private static final String SCRIPT = """
            (function () {
              var form = document.getElementById('verify');
              var out = document.getElementById('result');
              form.addEventListener('submit', function (event) {
                event.preventDefault();
                out.className = '';
                out.textContent = 'Checking\\u2026';
                fetch(form.action, {method: 'POST', body: new FormData(form)}).then(function (response) {
                  return response.json().then(function (report) {
                    if (!response.ok) {
                      out.className = 'error';
                      out.textContent = (report.title || 'Error') + ': ' + (report.detail || response.status);
                      return;
                    }
                    var id = form.getAttribute('data-credential');
                    var c = report.credential;
                    var line;
                    if (report.status === 'none') {
                      line = 'This image carries no Content Credentials, so it cannot be tied to this credential.';
                    } else if (c && c.id === id) {
                      line = c.sameFile ? 'It is exactly the file this credential was issued for.'
                                        : 'It carries this credential.';
                    } else if (c && c.id) {
                      line = 'It carries a different credential (' + c.id + ').';
                    } else {
                      line = 'It carries Content Credentials from another producer, not this credential.';
                    }
                    out.className = report.status;
                    out.textContent = report.message + '\\n' + line;
                  });
                }).catch(function () {
                  out.className = 'error';
                  out.textContent = 'The check could not be completed.';
                });
              });
            })();
            """;

    /** The page's Content-Security-Policy: nothing but the site's style sheet and its own inline script. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src " + hash(SCRIPT)
            + "; connect-src 'self'; form-action 'self'; img-src 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("handle", "Handle"), Map.entry("displayName", "Name"), Map.entry("url", "Web page"),
            Map.entry("name", "Name"), Map.entry("version", "Version"), Map.entry("hash", "Hash"),
            Map.entry("prompt", "Prompt"), Map.entry("negativePrompt", "Negative prompt"), Map.entry("seed", "Seed"),
            Map.entry("steps", "Steps"), Map.entry("sampler", "Sampler"), Map.entry("scheduler", "Scheduler"),
            Map.entry("cfgScale", "CFG scale"), Map.entry("width", "Width"), Map.entry("height", "Height"),
            Map.entry("denoise", "Denoising strength"), Map.entry("promptAuthor", "Prompt author"),
            Map.entry("extra", "Other parameters"), Map.entry("baseModels", "Base models"),
            Map.entry("merges", "Merged models"), Map.entry("adapters", "Adapters"), Map.entry("datasets", "Datasets"),
            Map.entry("fineTuning", "Fine-tuning"), Map.entry("safetyValidation", "Safety validation"),
            Map.entry("credits", "Credits"), Map.entry("license", "License"), Map.entry("permitted", "Permitted"),
            Map.entry("prohibited", "Prohibited"), Map.entry("attribution", "Attribution"),
            Map.entry("model", "Model"), Map.entry("weight", "Weight"), Map.entry("kind", "Kind"),
            Map.entry("creator", "Creator"), Map.entry("method", "Method"), Map.entry("notes", "Notes"),
            Map.entry("result", "Result"), Map.entry("role", "Role"), Map.entry("note", "Note"),
            Map.entry("modelId", "Registered model"), Map.entry("alg", "Algorithm"), Map.entry("value", "Value"));

    private CredentialPage() {
    }

    /** The page of a credential as its viewer may see it: only the provenance fields revealed to them, proven. */
    static String render(CredentialView v, CredentialLinks links) {
        return render(v, links, false, java.util.Optional.empty());
    }

    /**
     * @param thumbnail whether the manifest carries a claim thumbnail, shown so a viewer sees which image it is
     * @param notice    the creator's notice on the credential or its model, shown first: the service's statement,
     *                  dated and attributed to the creator's handle, not part of the signed manifest
     */
    static String render(CredentialView v, CredentialLinks links, boolean thumbnail,
            java.util.Optional<io.credmark.usage.Notice> notice) {
        return render(v, links, thumbnail, notice, java.util.Optional.empty());
    }

    /**
     * @param identity the creator's own identity signature, when the manifest carries one; the page says plainly
     *                 whether the creator is confirmed or only named by the front end
     */
    static String render(CredentialView v, CredentialLinks links, boolean thumbnail,
            java.util.Optional<io.credmark.usage.Notice> notice,
            java.util.Optional<io.credmark.creators.CreatorIdentities.Confirmed> identity) {
        Credential c = v.credential();
        ObjectNode p = v.provenance();
        String model = p.path("model").path("name").asText();
        String creator = p.path("creator").path("handle").asText();
        Html h = new Html();
        h.markup("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .markup("<meta name=\"robots\" content=\"noindex\">")
                .markup("<title>").text("Content Credential: " + model + " by " + creator).markup("</title>")
                .markup("<link rel=\"alternate\" type=\"application/json\"").attribute("href", links.json(c.id()))
                .markup(">").markup(WebHandlers.stylesheet(WebHandlers.basePath(links.base())))
                .markup("</head><body class=\"credential-page\"><main>")
                .markup("<header><div class=\"cr\" aria-hidden=\"true\">cr</div><div><h1>").text(model)
                .markup("</h1><p>Content Credential · made with a model by ").text(creator).markup("</p></div></header>");
        notice.ifPresent(n -> h.markup("<section id=\"notice\" class=\"notice\" role=\"note\"><h2>Notice from the")
                .markup(" creator</h2><p id=\"notice-text\">").text(n.text()).markup("</p><p class=\"by\">— ")
                .text(n.creator()).markup(", <time").attribute("datetime", n.updatedAt().toString()).markup(">")
                .text(DATE.format(n.updatedAt())).markup("</time>. This notice is the creator's statement through")
                .markup(" credmark; it is not part of the signed manifest.</p></section>"));
        if (thumbnail) {
            h.markup("<figure class=\"thumb\"><img").attribute("src", path(links.thumbnail(c.id())))
                    .markup(" alt=\"The image this credential was issued with (its claim thumbnail)\"")
                    .markup("><figcaption>The image as stamped</figcaption></figure>");
        }

        h.markup("<p id=\"creator-identity\"").attribute("class", identity.isPresent() ? "confirmed" : "unconfirmed")
                .markup(">").text(identity.map(io.credmark.creators.CreatorIdentities.Confirmed::sentence)
                        .orElse(io.credmark.creators.CreatorIdentities.unconfirmedSentence(v.owner()
                                ? c.apiKeyName() : io.credmark.creators.CreatorIdentities.SOME_FRONT_END)))
                .markup("</p>");
        section(h, "Creator", p.path("creator"));
        section(h, "Model", p.path("model"));
        section(h, "Generation parameters", p.path("generation"));
        LineageChain.section(h, p);
        section(h, "Lineage", p.path("lineage"));
        section(h, "Usage terms", p.path("usage"));

        h.markup("<section><h2>Signature</h2><dl>");
        row(h, "Signed by", c.signer().display());
        if (c.signer().commonName() != null) {
            row(h, "Certificate", c.signer().commonName());
        }
        if (c.signer().issuer() != null) {
            row(h, "Issued by", c.signer().issuer());
        }
        h.markup("<dt>Signed on</dt><dd><time").attribute("datetime", c.createdAt().toString()).markup(">")
                .text(DATE.format(c.createdAt())).markup("</time></dd></dl></section>");

        h.markup("<section><h2>Record</h2><dl>");
        row(h, "Credential", c.id().text());
        row(h, "Manifest", c.manifestLabel());
        row(h, "File type", c.mediaType());
        v.model().ifPresent(m -> h.markup("<dt>Registered model</dt><dd><a").attribute("href", m.page())
                .markup(">").text(m.id()).markup("</a> (revision ").text(Integer.toString(m.revision()))
                .markup(")</dd>"));
        h.markup("<dt>SHA-256</dt><dd><code>").text(c.sha256()).markup("</code></dd>");
        h.markup("<dt>Data</dt><dd><a").attribute("href", links.json(c.id())).markup(">JSON</a></dd>");
        h.markup("<dt>Misuse</dt><dd><a id=\"report-link\"").attribute("href", path(links.base()) + "/c/"
                + c.id().text() + "/report").markup(">Report this image</a></dd>");
        h.markup("</dl></section>");

        h.markup("<section><h2>Check an image</h2>")
                .markup("<p>Choose a PNG or JPEG to see whether it carries this credential.</p>")
                .markup("<form id=\"verify\" method=\"post\" enctype=\"multipart/form-data\"")
                .attribute("action", path(links.base()) + Routes.VERIFY + "?via=page")
                .attribute("data-credential", c.id().text())
                .markup("><input type=\"file\" name=\"image\" accept=\"image/png,image/jpeg\" required>")
                .markup("<button type=\"submit\">Verify</button></form>")
                .markup("<output id=\"result\" aria-live=\"polite\"></output></section>")
                .markup("<footer>Issued by credmark. Anyone can check the signed manifest in the file with any"
                        + " Content Credentials (C2PA) verifier.</footer>")
                .markup("</main><script>").markup(SCRIPT).markup("</script></body></html>\n");
        return h.toString();
    }

    private static void section(Html h, String title, JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return;
        }
        h.markup("<section>").element("h2", title);
        dl(h, node, false);
        h.markup("</section>");
    }

    private static void dl(Html h, JsonNode object, boolean freeNames) {
        h.markup("<dl>");
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            h.element("dt", freeNames ? name : LABELS.getOrDefault(name, name));
            h.markup("<dd>");
            value(h, name, f.getValue(), freeNames || name.equals("extra"));
            h.markup("</dd>");
        }
        h.markup("</dl>");
    }

    private static void value(Html h, String name, JsonNode v, boolean freeNames) {
        if (v.isObject()) {
            if (!freeNames && v.has("alg") && v.has("value") && v.size() == 2) {
                h.markup("<code>").text(v.get("alg").asText() + ":" + v.get("value").asText()).markup("</code>");
            } else {
                dl(h, v, freeNames);
            }
        } else if (v.isArray()) {
            h.markup(v.size() > 0 && v.get(0).isObject() ? "<ol>" : "<ul>");
            for (JsonNode item : v) {
                h.markup("<li>");
                value(h, name, item, freeNames);
                h.markup("</li>");
            }
            h.markup(v.size() > 0 && v.get(0).isObject() ? "</ol>" : "</ul>");
        } else if (!freeNames && name.equals("url") && isWebUrl(v.asText())) {
            h.markup("<a rel=\"nofollow noopener noreferrer\"").attribute("href", v.asText()).markup(">")
                    .text(v.asText()).markup("</a>");
        } else {
            h.text(v.asText());
        }
    }

    private static void row(Html h, String label, String value) {
        h.element("dt", label).element("dd", value);
    }

    private static boolean isWebUrl(String s) {
        try {
            String scheme = new URI(s).getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The path part of the public URL, so that the form posts to the page's own origin. */
    private static String path(String base) {
        String p = URI.create(base).getRawPath();
        return p == null ? "" : p;
    }

    private static String hash(String inline) {
        return "'sha256-" + Base64.getEncoder().encodeToString(Sha256.of(inline)) + "'";
    }
}
