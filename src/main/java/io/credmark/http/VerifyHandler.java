package io.credmark.http;

import io.credmark.service.CredentialService;
import io.credmark.service.Verification;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;

/** {@code POST /v1/verify}: the image as the raw body, or as the multipart part {@code image}. */
final class VerifyHandler implements Handler {

    private final CredentialService credentials;
    private final RequestBodies bodies;
    private final Metrics metrics;
    private final long maxImageBytes;

    VerifyHandler(CredentialService credentials, RequestBodies bodies, Metrics metrics, long maxImageBytes) {
        this.credentials = credentials;
        this.bodies = bodies;
        this.metrics = metrics;
        this.maxImageBytes = maxImageBytes;
    }

    @Override
    public void handle(Context ctx) {
        byte[] image;
        if (RequestBodies.isMultipart(ctx)) {
            FormPart part = bodies.multipart(ctx, maxImageBytes + 64 * 1024, Map.of("image", maxImageBytes))
                    .get("image");
            if (part == null) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "the part 'image' is missing");
            }
            image = part.bytes();
        } else {
            image = RequestBodies.raw(ctx, maxImageBytes);
        }
        Verification verification = credentials.verify(image);
        metrics.verified(verification.report().status().wireName());
        Responses.json(ctx, 200, JsonViews.verification(verification));
    }
}
