package io.credmark.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.pixels.marker.MarkResult;
import io.credmark.service.ApiKey;
import io.credmark.service.Credential;
import io.credmark.service.CredentialLinks;
import io.credmark.service.CredentialView;
import io.credmark.service.NewApiKey;
import io.credmark.service.ReportJson;
import io.credmark.service.SignerName;
import io.credmark.service.Stamped;
import io.credmark.service.Verification;
import java.util.Base64;

/** The JSON documents of the API. Field names here are part of the API (see openapi.json). */
final class JsonViews {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonViews() {
    }

    /**
     * A credential as its viewer may see it: never the API key it was requested with, and of its provenance only the
     * identity fields and the fields the viewer may see, each proven against the signed digests.
     */
    static ObjectNode credential(CredentialView v, CredentialLinks links) {
        Credential c = v.credential();
        ObjectNode n = F.objectNode();
        n.put("id", c.id().text());
        n.put("url", links.page(c.id()));
        n.put("manifest", c.manifestLabel());
        n.put("mediaType", c.mediaType());
        n.put("sha256", c.sha256());
        n.put("createdAt", c.createdAt().toString());
        n.set("signer", signer(c.signer()));
        n.set("provenance", v.provenance());
        DisclosureJson.disclosures(n, v);
        return n;
    }

    static ObjectNode stamped(Stamped s) {
        ObjectNode n = F.objectNode();
        n.put("id", s.credential().id().text());
        n.put("url", s.url());
        n.put("manifest", s.credential().manifestLabel());
        n.put("mediaType", s.format().mediaType());
        n.put("sha256", s.credential().sha256());
        n.put("image", Base64.getEncoder().encodeToString(s.image()));
        s.mark().ifPresent(m -> n.set("mark", mark(m)));
        return n;
    }

    /** The visible mark as the stamp drew it; the same members as the verification report's summary.marker. */
    static ObjectNode mark(MarkResult m) {
        ObjectNode n = F.objectNode();
        n.set("box", box(m.box()));
        n.set("displayBox", box(m.displayBox()));
        n.put("style", m.style().wireName());
        n.put("label", m.label());
        return n;
    }

    private static ObjectNode box(java.awt.Rectangle r) {
        ObjectNode n = F.objectNode();
        n.put("x", r.x).put("y", r.y).put("width", r.width).put("height", r.height);
        return n;
    }

    /**
     * The verification report ({@link ReportJson}); when the manifest names one of this installation's credentials,
     * its {@code credential} member also says whether the credential is on record here ({@code known}) and whether
     * the image is byte for byte the file that was issued ({@code sameFile}).
     */
    static ObjectNode verification(Verification v) {
        ObjectNode report = ReportJson.render(v.report());
        if (v.claimedId().isPresent() && report.get("credential") instanceof ObjectNode credential) {
            credential.put("known", v.known());
            credential.put("sameFile", v.sameFile());
        }
        return report;
    }

    static ObjectNode apiKey(ApiKey k) {
        ObjectNode n = F.objectNode();
        n.put("name", k.name());
        n.put("role", k.role().wireName());
        n.put("createdAt", k.createdAt().toString());
        k.revokedAt().ifPresent(t -> n.put("revokedAt", t.toString()));
        return n;
    }

    static ObjectNode newApiKey(NewApiKey k) {
        ObjectNode n = apiKey(k.key());
        n.put("key", k.secret());
        return n;
    }

    private static ObjectNode signer(SignerName s) {
        ObjectNode n = F.objectNode();
        if (s.organization() != null) {
            n.put("organization", s.organization());
        }
        if (s.commonName() != null) {
            n.put("commonName", s.commonName());
        }
        if (s.issuer() != null) {
            n.put("issuer", s.issuer());
        }
        return n;
    }
}
