package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.container.ContainerSkeleton;
import io.credmark.disclosure.Disclosure;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.identity.CredentialEvidence;
import io.credmark.issuance.Issuer;
import io.credmark.issuance.ProvenanceInput;
import io.credmark.issuance.StampOptions;
import io.credmark.issuance.StampOrder;
import io.credmark.issuance.StampService;
import io.credmark.issuance.Stamped;
import io.credmark.issuance.WatermarkMode;
import io.credmark.provenance.Problem;
import io.credmark.provenance.ProvenanceException;
import io.credmark.provenance.ProvenanceLimits;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/stamp}: multipart {@code image}, {@code provenance} (a document, or a registered model and the
 * generation section), optional {@code options} (the mark; {@code disclosure}, levels stricter than the creator's).
 */
final class StampHandler implements Handler {

    static final long MAX_OPTIONS_BYTES = 64 * 1024;
    /** Why the stamp's own evidence has no fresh time-stamp: it is made after the record is committed. */
    static final String NO_FRESH_TIME_STAMP = "not taken for the stamp's own answer, which must not fail once the"
            + " credential is recorded: the signature's own time-stamp (timeStamp) dates it";

    private final Issuer credentials;
    private final CredentialEvidence evidence;
    private final RequestBodies bodies;
    private final Metrics metrics;
    private final UsageHandlers usage;
    private final UploadLimits uploads;
    private final long maxRequestBytes;

    StampHandler(Issuer credentials, CredentialEvidence evidence, RequestBodies bodies, Metrics metrics,
            UsageHandlers usage, UploadLimits uploads, long maxRequestBytes) {
        this.credentials = credentials;
        this.evidence = evidence;
        this.bodies = bodies;
        this.metrics = metrics;
        this.usage = usage;
        this.uploads = uploads;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        if (!RequestBodies.isMultipart(ctx)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "POST /v1/stamp takes multipart/form-data with the parts image, provenance and (optionally) options");
        }
        Map<String, FormPart> parts = bodies.multipart(ctx, maxRequestBytes, Map.of("image",
                uploads.maxUploadBytes(), "provenance", (long) ProvenanceLimits.MAX_DOCUMENT_BYTES, "options",
                MAX_OPTIONS_BYTES), "image", uploads.streamFromBytes());
        FormPart image = required(parts, "image");
        ProvenanceInput provenance;
        try {
            // a whole document, or {"registeredModel": "HANDLE:SLUG", "generation": {…}}
            provenance = ProvenanceInput.parse(required(parts, "provenance").bytes());
        } catch (ProvenanceException e) {
            throw Problems.invalidDocument("provenance", e);
        }
        StampOptions options = StampOptions.SERVICE_DEFAULT;
        DisclosurePolicy disclosure = DisclosurePolicy.ALL_PUBLIC;
        if (parts.containsKey("options")) {
            // the parser's messages name paths from "options." on
            JsonNode json = JsonBodies.read(parts.get("options").bytes(), "options");
            options = StampOptionsJson.parse(json, WatermarkMode.AUTO);
            disclosure = disclosure(json);
        }
        Optional<String> sourceName = image.fileName().flatMap(StampHandler::baseName);
        String keyName = Authenticator.key(ctx).name();
        Optional<ContainerSkeleton> skeleton = StampService.streams(options) ? image.content().skeleton()
                : Optional.empty();
        Stamped stamped;
        try {
            if (skeleton.isPresent()) {
                stamped = credentials.stamp(new StampOrder(skeleton.get().bytes(), provenance, options, disclosure,
                        sourceName, keyName), skeleton.get(), bodies.temporaryFile(ctx, "credmark-stamped-"));
            } else {
                byte[] bytes = image.content().bytes(uploads.maxImageBytes(), !StampService.streams(options)
                        ? "a stamp that draws the mark, embeds the watermark or makes a thumbnail"
                        : image.content().isFile() ? "a stamp of a JPEG with bytes after its end and metadata"
                        + " between its scans" : "a stamp of an image under limits.stream-from-bytes");
                stamped = credentials.stamp(new StampOrder(bytes, provenance, options, disclosure, sourceName,
                        keyName));
            }
        } catch (ProvenanceException e) {
            throw Problems.invalidDocument("provenance", e);
        }
        metrics.stamped(stamped.format().mediaType());

        // the record is committed: from here on the client may have the image
        String mediaType = stamped.format().mediaType();
        ctx.header("Credential-Id", stamped.credential().id().text());
        ctx.header("Link", "<" + stamped.url() + ">; rel=\"credential\"");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Vary", "Accept");
        // the image answer says what the JSON one's timeStamp member says: when, or that there is none and why
        ctx.header("Time-Stamp", stamped.timeStamp().stamp().map(t -> t.time().toString())
                .orElse("none; " + stamped.timeStamp().reason().orElse("")));
        stamped.identityUnavailable().ifPresent(reason -> ctx.header("Creator-Identity", "unavailable; " + reason));
        ctx.status(200);
        // counted before the answer is written, which this handler does itself: a client holding it finds it counted
        usage.stamped(ctx);
        if (Accepts.prefersJson(ctx.header("Accept"), mediaType)) {
            ObjectNode answer = JsonViews.stamped(stamped);
            // what this request made private is seen by no one else, the model's creator included: the front end
            // gets its proof now, once; the bundle is the others' (GET /v1/credentials/{id}/evidence) but for the
            // fresh time-stamp: a time-stamping authority down now must not turn a recorded stamp into a 503
            DisclosurePolicy requested = disclosure;
            List<String> own = stamped.commitments().disclosures().stream()
                    .filter(d -> requested.levelOf(d.path()) == DisclosureLevel.PRIVATE).map(Disclosure::encoded)
                    .toList();
            if (!own.isEmpty()) {
                answer.set("evidence", evidence.bundleWithoutFreshTimeStamp(stamped.credential().manifestLabel(),
                        Optional.of(stamped.credential().id().text()), Optional.of(stamped.url()), own,
                        stamped.manifestStore(),
                        NO_FRESH_TIME_STAMP).toJson());
            }
            Responses.jsonWithBinary(ctx, 200, answer, "image", stamped.image());
        } else {
            Responses.binary(ctx, 200, mediaType, stamped.image());
        }
    }

    /**
     * {@code options.disclosure}: levels the request asks for, as a policy document. They make the creator's policy
     * stricter, never looser.
     */
    private static DisclosurePolicy disclosure(JsonNode options) {
        JsonNode d = options == null ? null : options.get("disclosure");
        if (d == null || d.isNull()) {
            return DisclosurePolicy.ALL_PUBLIC;
        }
        try {
            return DisclosurePolicy.parse(d);
        } catch (ProvenanceException e) {
            throw Problems.invalidDocument("options", new ProvenanceException(e.problems().stream()
                    .map(p -> new Problem(p.path().isEmpty() ? "options.disclosure" : "options.disclosure."
                            + p.path(), p.message())).toList()));
        }
    }

    private static FormPart required(Map<String, FormPart> parts, String name) {
        FormPart part = parts.get(name);
        if (part == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the part '" + name + "' is missing");
        }
        return part;
    }

    /** The last path segment of a client's file name, printable and bounded; it may become an ingredient title. */
    static Optional<String> baseName(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
