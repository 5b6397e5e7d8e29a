package io.credmark.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.access.ApiKey;
import io.credmark.access.NewApiKey;
import io.credmark.creators.CreatorIdentities;
import io.credmark.creators.CredentialView;
import io.credmark.credential.Credential;
import io.credmark.credential.CredentialId;
import io.credmark.credential.CredentialLinks;
import io.credmark.credential.SignerName;
import io.credmark.credential.WatermarkPayload;
import io.credmark.issuance.Stamped;
import io.credmark.issuance.WatermarkStamp;
import io.credmark.pixels.marker.MarkResult;
import io.credmark.identity.TimeStampJson;
import io.credmark.metadata.MetadataReport;
import io.credmark.pixels.watermark.Watermarker;
import io.credmark.verification.ReportJson;
import io.credmark.verification.Verification;
import io.credmark.verification.WatermarkCheck;
import io.credmark.verification.WatermarkScan;
import java.util.Optional;

/** The JSON documents of the API. Field names here are part of the API (see openapi.json). */
public final class JsonViews {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonViews() {
    }

    /**
     * A credential as its viewer may see it: never the API key it was requested with, and of its provenance only the
     * identity fields and the fields the viewer may see, each proven against the signed digests.
     */
    static ObjectNode credential(CredentialView v, CredentialLinks links) {
        return credential(v, links, Optional.empty());
    }

    /**
     * As {@link #credential(CredentialView, CredentialLinks)}, with {@code creatorIdentity}: whether the creator
     * signed it themselves. The API key that named an unconfirmed creator is named to that creator only.
     */
    static ObjectNode credential(CredentialView v, CredentialLinks links,
            Optional<CreatorIdentities.Confirmed> identity) {
        ObjectNode n = credentialOnly(v, links);
        Credential c = v.credential();
        n.set("creatorIdentity", creatorIdentity(identity, c.provenance().creator().handle(),
                v.owner() ? c.apiKeyName() : CreatorIdentities.SOME_FRONT_END));
        return n;
    }

    private static ObjectNode credentialOnly(CredentialView v, CredentialLinks links) {
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

    /** The stamp's JSON answer but its image, which is streamed into it ({@link Responses#jsonWithBinary}). */
    static ObjectNode stamped(Stamped s) {
        ObjectNode n = F.objectNode();
        n.put("id", s.credential().id().text());
        n.put("url", s.url());
        n.put("manifest", s.credential().manifestLabel());
        n.put("mediaType", s.format().mediaType());
        n.put("sha256", s.credential().sha256());
        s.mark().ifPresent(m -> n.set("mark", mark(m)));
        s.watermark().ifPresent(w -> n.set("watermark", watermark(w)));
        n.set("timeStamp", TimeStampJson.of(s.timeStamp()));
        ObjectNode identity = creatorIdentity(s.identity(), s.credential().provenance().creator().handle(),
                s.credential().apiKeyName());
        s.identityUnavailable().ifPresent(reason -> identity.put("unavailable", reason));
        n.set("creatorIdentity", identity);
        n.set("import", imported(s.metadata()));
        n.set("inputMetadata", inputMetadata(s.metadata()));
        ObjectNode xmp = n.putObject("xmp");
        s.metadata().xmp().forEach(xmp.putArray("written")::add);
        s.metadata().xmpNotes().forEach(xmp.putArray("notes")::add);
        ObjectNode mining = n.putObject("trainingMining");
        s.metadata().trainingMining().assertionEntries().forEach((use, v) -> mining.put(use, v.use()));
        ObjectNode thumbnail = n.putObject("thumbnail").put("embedded", s.metadata().thumbnail().embedded());
        s.metadata().thumbnail().reason().ifPresent(r -> thumbnail.put("reason", r));
        return n;
    }

    /**
     * {@code {"confirmed": true, "handle", "displayName", "signedAt", "text"}} when the manifest carries the
     * creator's own identity signature, else {@code {"confirmed": false, "handle", "namedBy", "text"}}: the creator
     * is only a name the front end wrote.
     */
    static ObjectNode creatorIdentity(Optional<CreatorIdentities.Confirmed> identity, String handle, String namedBy) {
        ObjectNode n = F.objectNode();
        n.put("confirmed", identity.isPresent());
        if (identity.isPresent()) {
            CreatorIdentities.Confirmed c = identity.get();
            n.put("handle", c.handle()).put("displayName", c.displayName()).put("signedAt", c.signedAt().toString());
            n.put("text", c.sentence());
        } else {
            n.put("handle", handle).put("namedBy", namedBy).put("text",
                    CreatorIdentities.unconfirmedSentence(namedBy));
        }
        return n;
    }

    /** The provenance fields the stamp filled from the input's generator metadata, and what it left out. */
    static ObjectNode imported(MetadataReport m) {
        ObjectNode n = F.objectNode();
        m.generators().forEach(n.putArray("generators")::add);
        ArrayNode fields = n.putArray("imported");
        m.imported().forEach(f -> fields.addObject().put("field", f.path()).put("source", f.source())
                .put("generator", f.generator()));
        ArrayNode dropped = n.putArray("dropped");
        m.dropped().forEach(d -> dropped.addObject().put("field", d.what()).put("source", d.source())
                .put("reason", d.reason()));
        return n;
    }

    /** What the stamp did with the input's own metadata: generator text removed, and why. */
    static ObjectNode inputMetadata(MetadataReport m) {
        ObjectNode n = F.objectNode();
        m.removed().forEach(n.putArray("removed")::add);
        m.removalReason().ifPresent(r -> n.put("reason", r));
        return n;
    }

    /** The watermark as the stamp embedded it, or why it did not. */
    static ObjectNode watermark(WatermarkStamp w) {
        ObjectNode n = F.objectNode();
        n.put("embedded", w.embedded());
        if (w.embedded()) {
            n.put("algorithm", Watermarker.ALGORITHM);
            n.put("version", Watermarker.VERSION);
            n.put("payloadId", WatermarkPayload.hex(w.payloadId().getAsLong()));
        }
        w.skipped().ifPresent(r -> n.put("reason", r));
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
     * The verification report ({@link ReportJson}); when the active manifest is the one this installation issued for
     * the credential it names, the {@code credential} member names it with its page here ({@code known} is then
     * true) and says whether the image is byte for byte the file that was issued ({@code sameFile}). A manifest
     * signed elsewhere gets no {@code credential} member, whatever id and link it carries. The {@code watermark}
     * member says what the invisible watermark says; when it leads to a credential and the file has no valid
     * manifest, the status is {@code recovered} and {@code recovered} is the credential as the viewer may see it.
     */
    public static ObjectNode verification(Verification v, CredentialLinks links) {
        ObjectNode report = ReportJson.render(v.report());
        // the manifest's own credential member is whatever its signer wrote; only a manifest this installation
        // issued is reported as one of its credentials, with the link built here
        report.remove("credential");
        if (v.known()) {
            CredentialId id = v.claimedId().orElseThrow();
            report.putObject("credential").put("id", id.text()).put("url", links.page(id)).put("known", true)
                    .put("sameFile", v.sameFile());
        }
        report.set("watermark", watermarkCheck(v.watermark()));
        v.recovered().ifPresent(view -> {
            String id = view.credential().id().text();
            report.put("status", v.status());
            report.put("message", (v.report().status() == io.credmark.verification.VerificationReport.Status.INVALID
                    ? "This file's Content Credentials can't be verified" : "This file has no Content Credentials")
                    + ", but its invisible watermark leads to the credential " + id + ". " + RECOVERED_NOTICE);
            ObjectNode recovered = credential(view, links);
            recovered.put("notice", RECOVERED_NOTICE);
            report.set("recovered", recovered);
            if (!report.has("credential")) {
                report.putObject("credential").put("id", id).put("url", links.page(view.credential().id()));
            }
        });
        return report;
    }

    static final String RECOVERED_NOTICE = "The pixels may have been changed since the image was stamped (for"
            + " instance recompressed, resized or cropped, or edited): the credential describes the image as it was"
            + " stamped, not necessarily this copy.";

    private static ObjectNode watermarkCheck(WatermarkCheck w) {
        ObjectNode n = F.objectNode();
        n.put("algorithm", Watermarker.ALGORITHM);
        n.put("version", Watermarker.VERSION);
        n.put("checked", w.scan().isEmpty() ? "issued-file"
                : w.scan().get().unreadable().isPresent() ? "unreadable" : "pixels");
        w.scan().flatMap(WatermarkScan::unreadable).ifPresent(r -> n.put("reason", r));
        n.put("present", w.present().isPresent());
        w.present().ifPresent(p -> n.put("payloadId", WatermarkPayload.hex(p)));
        w.detection().ifPresent(d -> {
            n.put("confidence", Math.round(d.confidence() * 10) / 10.0);
            n.put("correctedErrors", d.correctedErrors());
        });
        w.recorded().ifPresent(r -> n.put("recorded", WatermarkPayload.hex(r)));
        w.leadsTo().ifPresent(f -> n.putObject("credential").put("id", f.id().text()).put("url", f.url())
                .put("manifest", f.manifestLabel()));
        w.agrees().ifPresent(a -> n.put("agrees", a));
        n.put("message", watermarkMessage(w));
        return n;
    }

    private static String watermarkMessage(WatermarkCheck w) {
        if (w.scan().flatMap(WatermarkScan::unreadable).isPresent()) {
            return "The pixels could not be searched for an invisible watermark.";
        }
        String leads = w.leadsTo().map(f -> "the credential " + f.id().text()).orElse(
                "a credential this service has no record of");
        if (!w.manifestValid()) {
            return w.present().isPresent() ? "An invisible watermark was found; it leads to " + leads + "."
                    : "No invisible watermark was found.";
        }
        if (w.scan().isEmpty()) {
            return w.recorded().isPresent() ? "This is the file as issued; it carries the invisible watermark its"
                    + " manifest records." : "This is the file as issued, stamped without an invisible watermark.";
        }
        if (w.agrees().orElse(false)) {
            return w.recorded().isPresent() ? "The invisible watermark is present and names the same credential as"
                    + " the manifest." : "No invisible watermark was found, and the manifest records none.";
        }
        if (w.present().isEmpty()) {
            return "The manifest records an invisible watermark that was not found in the pixels: they may have been"
                    + " changed, or the manifest copied from another image.";
        }
        return "The pixels carry the invisible watermark of " + leads + ", which this manifest was not issued"
                + " with: the image may have been taken from that credential and signed again by someone else.";
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
