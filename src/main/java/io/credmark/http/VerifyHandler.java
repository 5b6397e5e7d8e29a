package io.credmark.http;

import io.credmark.InvalidInputException;
import io.credmark.container.ContainerSkeleton;
import io.credmark.creators.Viewer;
import io.credmark.credential.CredentialLinks;
import io.credmark.disclosure.EvidenceBundle;
import io.credmark.identity.EvidenceTrust;
import io.credmark.identity.SignatureEvidence;
import io.credmark.verification.CredentialLookup;
import io.credmark.verification.Verification;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/verify}: the image as the raw body, or as the multipart part {@code image}, optionally with a
 * creator's evidence bundle as the part {@code evidence}: its disclosures prove hidden fields, and what it carries of
 * the credential's signatures ({@code signature}) is checked against the image as {@code verify FILE --evidence}
 * checks it, the verdict in the answer's {@code evidence} member. A creator who sends their token sees every field of
 * their own credentials; anyone else sees the public and protected ones.
 */
final class VerifyHandler implements Handler {

    /**
     * A creator's evidence bundle: the disclosures of every field of a provenance document of the largest size
     * accepted (1 MiB), in base64url, fit.
     */
    static final long MAX_EVIDENCE_BYTES = 2L << 20;

    private final CredentialLookup credentials;
    private final CredentialLinks links;
    private final RequestBodies bodies;
    private final Metrics metrics;
    private final UploadLimits uploads;
    private final Authenticator auth;
    private final UsageHandlers usage;
    private final EvidenceTrust trust;

    VerifyHandler(CredentialLookup credentials, CredentialLinks links, RequestBodies bodies, Metrics metrics,
            UploadLimits uploads, Authenticator auth, UsageHandlers usage, EvidenceTrust trust) {
        this.trust = trust;
        this.auth = auth;
        this.usage = usage;
        this.credentials = credentials;
        this.links = links;
        this.bodies = bodies;
        this.metrics = metrics;
        this.uploads = uploads;
    }

    @Override
    public void handle(Context ctx) {
        Viewer viewer = auth.viewer(ctx);
        UploadedImage image;
        List<String> evidence = List.of();
        Optional<SignatureEvidence> signature = Optional.empty();
        if (RequestBodies.isMultipart(ctx)) {
            Map<String, FormPart> parts = bodies.multipart(ctx, uploads.maxUploadBytes() + MAX_EVIDENCE_BYTES
                    + 64 * 1024, Map.of("image", uploads.maxUploadBytes(), "evidence", MAX_EVIDENCE_BYTES), "image",
                    uploads.streamFromBytes());
            FormPart part = parts.get("image");
            if (part == null) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "the part 'image' is missing");
            }
            image = part.content();
            if (parts.containsKey("evidence")) {
                try {
                    EvidenceBundle bundle = EvidenceBundle.parse(parts.get("evidence").bytes());
                    evidence = bundle.disclosures();
                    signature = bundle.signature().map(n -> SignatureEvidence.parse(n, "signature"));
                } catch (InvalidInputException e) {
                    throw Problems.invalidDocument("evidence", e);
                }
            }
        } else {
            image = RequestBodies.image(ctx, uploads);
        }
        Optional<ContainerSkeleton> skeleton = image.skeleton();
        // a skeleton holds the file's structure and metadata, its manifest store included
        byte[] held = skeleton.isPresent() ? skeleton.get().bytes() : image.bytes(uploads.maxImageBytes(),
                image.isFile() ? "verifying a JPEG with bytes after its end and metadata between its scans"
                        : "verifying an image under limits.stream-from-bytes");
        Verification verification = skeleton.isPresent() ? credentials.verify(skeleton.get(), viewer, evidence)
                : credentials.verify(held, viewer, evidence);
        CredentialHandlers.noCache(ctx, viewer.creator().isPresent());
        metrics.verified(verification.status());
        usage.verified(ctx, verification);
        var report = JsonViews.verification(verification, links);
        usage.annotate(report, verification);
        signature.ifPresent(s -> report.set("evidence", s.checkImage(held, trust).report()));
        Responses.json(ctx, 200, report);
    }
}
