package io.credmark.creators;

import io.credmark.InvalidInputException;
import io.credmark.credential.CredentialId;
import io.credmark.credential.CredentialLinks;
import io.credmark.pki.IdentityCa;
import io.credmark.pki.SigningCredentials;
import io.credmark.store.CreatorIdentityRepository;
import io.credmark.store.CreatorIdentityRepository.IdentityRecord;
import io.credmark.store.CreatorProfileRepository;
import io.credmark.store.DuplicateKeyException;
import io.credmark.store.Timestamps;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Creators' own verified identity in manifests (CAWG identity assertions): each registered creator's identity
 * credential, issued by the creator-identity CA on first use, and the front ends (API keys, by name) the creator
 * allows to sign with it.
 *
 * <p>The grant is read from the database at every stamp and the credential's private key is kept sealed there, so
 * every node of a deployment signs with the same credential and none can sign for a creator after the grant is
 * revoked: there is no per-node copy of either.
 */
public final class CreatorIdentities {

    /** Front ends one creator may allow. */
    public static final int MAX_GRANTS = 50;

    private final CreatorIdentityRepository repository;
    private final CreatorProfileRepository profiles;
    private final Creators creators;
    private final IdentityCa ca;
    private final CredentialLinks links;
    private final Predicate<String> activeApiKey;
    private final Clock clock;

    /**
     * @param activeApiKey whether an API key of that name exists and is not revoked
     * @param links        where creators' pages are: the URI the identity certificates carry
     */
    public CreatorIdentities(CreatorIdentityRepository repository, CreatorProfileRepository profiles,
            Creators creators, IdentityCa ca, CredentialLinks links, Predicate<String> activeApiKey, Clock clock) {
        this.repository = repository;
        this.profiles = profiles;
        this.creators = creators;
        this.ca = ca;
        this.links = links;
        this.activeApiKey = activeApiKey;
        this.clock = clock;
    }

    /** A front end a creator allows to sign with their identity. */
    public record Grant(String apiKeyName, Instant grantedAt) {
    }

    /** The credential a stamp signs the creator's identity assertion with. */
    public record SigningIdentity(String handle, String displayName, SigningCredentials credentials) {
        @Override
        public String toString() {
            return "SigningIdentity[" + handle + "]";
        }
    }

    /** A credential whose manifest carries its creator's identity signature. */
    public record Confirmed(String handle, String displayName, Instant signedAt) {

        /** What every view says of it. */
        public String sentence() {
            return "Creator confirmed: " + displayName + " (" + handle + "), signed " + signedAt;
        }
    }

    /**
     * What every view says of a creator the manifest only names: {@code frontEnd} is the API key that stamped, where
     * the viewer may know it, else a description.
     */
    public static String unconfirmedSentence(String frontEnd) {
        return "Creator named by " + frontEnd + ", not confirmed";
    }

    /** How views name the front end of a credential to those who may not know its API key. */
    public static final String SOME_FRONT_END = "the front end that requested the stamp";

    public List<Grant> grants(CreatorAccount creator) {
        return repository.grants(creator.handle()).stream().map(g -> new Grant(g.apiKeyName(), g.grantedAt()))
                .toList();
    }

    /**
     * Replaces the front ends the creator allows; an empty list revokes every grant. Effective at once: the next
     * stamp on any node reads it.
     *
     * @throws InvalidInputException naming each name that is not an active API key, or when there are too many
     */
    public List<Grant> setGrants(CreatorAccount creator, List<String> apiKeyNames) {
        LinkedHashSet<String> names = new LinkedHashSet<>(apiKeyNames);
        if (names.size() > MAX_GRANTS) {
            throw new InvalidInputException(InvalidInputException.Kind.INVALID_DOCUMENT, "apiKeys: at most "
                    + MAX_GRANTS + " names");
        }
        List<String> unknown = names.stream().filter(n -> n == null || !activeApiKey.test(n)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(InvalidInputException.Kind.INVALID_DOCUMENT,
                    "apiKeys: no active API key named " + String.join(", ", unknown.stream()
                            .map(n -> "'" + shorten(n) + "'").toList()));
        }
        repository.replaceGrants(creator.handle(), List.copyOf(names), Timestamps.storable(clock.instant()));
        return grants(creator);
    }

    /**
     * The identity a stamp may sign with: only for a registered creator who allows the stamping API key now. The
     * credential is issued on first use, and again when the creator's display name changed or it nears its end.
     */
    public Optional<SigningIdentity> signingIdentity(String handle, String apiKeyName) {
        if (apiKeyName == null || creators.find(handle).isEmpty() || !repository.granted(handle, apiKeyName)) {
            return Optional.empty();
        }
        String name = displayName(handle);
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<IdentityRecord> kept = repository.credential(handle);
            if (kept.isPresent()) {
                SigningCredentials credentials = IdentityCa.load(new IdentityCa.StoredCredential(
                        kept.get().certificatePem(), kept.get().keyPem()));
                if (kept.get().displayName().equals(name) && !ca.needsRenewal(credentials.leaf())) {
                    return Optional.of(new SigningIdentity(handle, name, credentials));
                }
                SigningCredentials renewed = issue(handle, name);
                if (repository.replaceCredential(kept.get().certificatePem(), record(handle, name, renewed))) {
                    return Optional.of(new SigningIdentity(handle, name, renewed));
                }
            } else {
                SigningCredentials issued = issue(handle, name);
                try {
                    repository.insertCredential(record(handle, name, issued));
                    return Optional.of(new SigningIdentity(handle, name, issued));
                } catch (DuplicateKeyException raced) {
                    // another node issued one first: use theirs
                }
            }
        }
        throw new IllegalStateException("the identity credential of " + handle + " keeps changing");
    }

    /** The creator's identity signature on a credential, when its manifest carries one. */
    public Optional<Confirmed> confirmed(CredentialId id) {
        return repository.confirmed(id.value()).map(c -> new Confirmed(c.handle(), c.displayName(), c.signedAt()));
    }

    /** The record to keep of a stamp's identity signature. */
    public static CreatorIdentityRepository.ConfirmedRecord confirmation(CredentialId id, SigningIdentity identity,
            Instant signedAt) {
        return new CreatorIdentityRepository.ConfirmedRecord(id.value(), identity.handle(), identity.displayName(),
                Timestamps.storable(signedAt));
    }

    /** The name on the certificate: the creator's display name, or their handle when they have not set one. */
    private String displayName(String handle) {
        return profiles.find(handle).flatMap(CreatorProfileRepository.ProfileRecord::displayName).orElse(handle);
    }

    private SigningCredentials issue(String handle, String name) {
        return ca.issue(name, URI.create(links.creatorPage(handle)));
    }

    private IdentityRecord record(String handle, String name, SigningCredentials credentials) {
        IdentityCa.StoredCredential stored = IdentityCa.store(credentials);
        return new IdentityRecord(handle, name, stored.certificatePem(), stored.keyPem(),
                Timestamps.storable(clock.instant()));
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
