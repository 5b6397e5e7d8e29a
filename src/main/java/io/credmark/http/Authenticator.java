package io.credmark.http;

import io.credmark.service.ApiKey;
import io.credmark.service.ApiKeys;
import io.credmark.store.ApiKeyRole;
import io.javalin.http.Context;
import java.util.Optional;

/** Bearer API keys: 401 without a known key, 403 for a revoked one or one without the needed role. */
final class Authenticator {

    private static final String KEY_ATTRIBUTE = "credmark.apiKey";
    private static final String CHALLENGE = "Bearer realm=\"credmark\"";

    private final ApiKeys apiKeys;

    Authenticator(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    void require(Context ctx, Access access) {
        if (access == Access.PUBLIC) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "this route needs an API key: Authorization: Bearer KEY")
                    .header("WWW-Authenticate", CHALLENGE);
        }
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the Authorization header must be 'Bearer KEY'")
                    .header("WWW-Authenticate", CHALLENGE + ", error=\"invalid_request\"");
        }
        Optional<ApiKey> key = apiKeys.find(header.substring(7).trim());
        if (key.isEmpty()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "unknown API key")
                    .header("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
        }
        if (key.get().isRevoked()) {
            throw new ProblemException(ProblemType.API_KEY_REVOKED,
                    "the API key '" + key.get().name() + "' was revoked at " + key.get().revokedAt().orElseThrow());
        }
        if (access == Access.ADMIN && key.get().role() != ApiKeyRole.ADMIN) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "this route needs an admin key; '" + key.get().name() + "' may only stamp");
        }
        ctx.attribute(KEY_ATTRIBUTE, key.get());
    }

    /** The key the request was authenticated with; only on routes that need one. */
    static ApiKey key(Context ctx) {
        ApiKey key = ctx.attribute(KEY_ATTRIBUTE);
        if (key == null) {
            throw new IllegalStateException("route is not authenticated");
        }
        return key;
    }
}
