package io.credmark.http;

import io.credmark.access.ApiKey;
import io.credmark.access.ApiKeyRole;
import io.credmark.access.ApiKeys;
import io.credmark.creators.CreatorAccount;
import io.credmark.creators.Creators;
import io.credmark.creators.Viewer;
import io.credmark.http.admission.Client;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Bearer credentials: API keys ({@code cmk_…}, front ends and administrators) and creator tokens ({@code cmc_…}).
 * 401 without a known key or token, 403 for a revoked key, or one that may not use the route. Every check reads the
 * database.
 */
final class Authenticator {

    private static final String KEY_ATTRIBUTE = "credmark.apiKey";
    private static final String CREATOR_ATTRIBUTE = "credmark.creator";
    private static final String CHALLENGE = "Bearer realm=\"credmark\"";

    private final ApiKeys apiKeys;
    private final Creators creators;

    Authenticator(ApiKeys apiKeys, Creators creators) {
        this.apiKeys = apiKeys;
        this.creators = creators;
    }

    void require(Context ctx, Access access) {
        if (access == Access.PUBLIC) {
            return;
        }
        String what = access == Access.CREATOR ? "the creator's token" : "an API key";
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "this route needs " + what
                    + ": Authorization: Bearer " + (access == Access.CREATOR ? "TOKEN" : "KEY"))
                    .header("WWW-Authenticate", CHALLENGE);
        }
        String presented = bearer(header);
        if (Creators.looksLikeToken(presented)) {
            CreatorAccount creator = creators.authenticate(presented).orElseThrow(() -> new ProblemException(
                    ProblemType.UNAUTHORIZED, "unknown creator token")
                    .header("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""));
            if (access != Access.CREATOR) {
                throw new ProblemException(ProblemType.FORBIDDEN, "this route needs an API key; a creator's token"
                        + " may change disclosure and edit models, not stamp or administer");
            }
            ctx.attribute(CREATOR_ATTRIBUTE, creator);
            return;
        }
        Optional<ApiKey> key = apiKeys.find(presented);
        if (key.isEmpty()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, access == Access.CREATOR ? "unknown creator token"
                    : "unknown API key").header("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
        }
        if (key.get().isRevoked()) {
            throw new ProblemException(ProblemType.API_KEY_REVOKED,
                    "the API key '" + key.get().name() + "' was revoked at " + key.get().revokedAt().orElseThrow());
        }
        if (access == Access.CREATOR) {
            throw new ProblemException(ProblemType.FORBIDDEN, "this route needs the creator's token: an API key may"
                    + " stamp, but only the creator may change disclosure or edit their models");
        }
        if (access == Access.ADMIN && key.get().role() != ApiKeyRole.ADMIN) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "this route needs an admin key; '" + key.get().name() + "' may only stamp");
        }
        ctx.attribute(KEY_ATTRIBUTE, key.get());
    }

    /**
     * Who is viewing, on a route anyone may call: a creator who sent their token, else anyone. An API key or any
     * other credential is not looked at (front ends see what anyone sees); an unknown creator token is refused
     * (401), so that a creator is never silently shown less than they expect.
     */
    Viewer viewer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Viewer.ANYONE;
        }
        String presented = header.substring(7).trim();
        if (!Creators.looksLikeToken(presented)) {
            return Viewer.ANYONE;
        }
        return Viewer.creator(creators.authenticate(presented).orElseThrow(() -> new ProblemException(
                ProblemType.UNAUTHORIZED, "unknown creator token")
                .header("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"")));
    }

    /**
     * Whom a request on a public route counts against: the API key or creator its bearer credential names, when
     * that credential is valid; else no one in particular (the caller counts it against the address).
     */
    Optional<Client> principal(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String presented = header.substring(7).trim();
        if (Creators.looksLikeToken(presented)) {
            return creators.authenticate(presented).map(c -> Client.creator(c.handle()));
        }
        return apiKeys.find(presented).filter(k -> !k.isRevoked()).map(k -> Client.apiKey(k.name()));
    }

    /** The key the request was authenticated with; only on routes that need one. */
    static ApiKey key(Context ctx) {
        ApiKey key = ctx.attribute(KEY_ATTRIBUTE);
        if (key == null) {
            throw new IllegalStateException("route is not authenticated");
        }
        return key;
    }

    /** The creator the request was authenticated as; only on creators' routes. */
    static CreatorAccount creator(Context ctx) {
        CreatorAccount creator = ctx.attribute(CREATOR_ATTRIBUTE);
        if (creator == null) {
            throw new IllegalStateException("route is not authenticated as a creator");
        }
        return creator;
    }

    /**
     * The creator the request was authenticated as, who must be {@code handle}.
     *
     * @throws ProblemException 403 for another creator's token
     */
    static CreatorAccount creator(Context ctx, String handle) {
        CreatorAccount creator = creator(ctx);
        if (!creator.handle().equals(handle)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "this token may act only for its own creator handle");
        }
        return creator;
    }

    private static String bearer(String header) {
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the Authorization header must be 'Bearer KEY'")
                    .header("WWW-Authenticate", CHALLENGE + ", error=\"invalid_request\"");
        }
        return header.substring(7).trim();
    }
}
