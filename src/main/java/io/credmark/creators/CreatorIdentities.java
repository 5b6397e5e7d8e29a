package io.credmark.creators;

import io.credmark.ConflictException;
import io.credmark.InvalidInputException;
import io.credmark.NotFoundException;
import io.credmark.c2pa.sign.KeySigner;
import io.credmark.c2pa.sign.Signer;
import io.credmark.credential.CredentialId;
import io.credmark.credential.CredentialLinks;
import io.credmark.pki.IdentityCa;
import io.credmark.pki.Pkcs11Credentials;
import io.credmark.pki.Pkcs11Token;
import io.credmark.pki.SigningCredentials;
import io.credmark.store.CreatorIdentityRepository;
import io.credmark.store.CreatorIdentityRepository.IdentityRecord;
import io.credmark.store.CreatorProfileRepository;
import io.credmark.store.DuplicateKeyException;
import io.credmark.store.Timestamps;
import java.net.URI;
import java.security.cert.X509Certificate;
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
 * revoked: there is no per-node copy of either. When the claim signer is in a PKCS#11 token, creators' keys are made
 * in that token and never leave it: the database keeps the certificate and the key's label, and every node that
 * shares the token finds the key there by that label.
 */
public final class CreatorIdentities {

    /** Front ends one creator may allow. */
    public static final int MAX_GRANTS = 50;

    private final CreatorIdentityRepository repository;
    private final CreatorProfileRepository profiles;
    private final Creators creators;
    private final IdentityCa ca;
    private final Optional<Pkcs11Token> token;
    private final CredentialLinks links;
    private final Predicate<String> activeApiKey;
    private final Clock clock;

    /**
     * @param activeApiKey whether an API key of that name exists and is not revoked
     * @param links        where creators' pages are: the URI the identity certificates carry
     * @param token        the PKCS#11 token the claim signer is in, where creators' keys are then made and kept
     */
    public CreatorIdentities(CreatorIdentityRepository repository, CreatorProfileRepository profiles,
            Creators creators, IdentityCa ca, Optional<Pkcs11Token> token, CredentialLinks links,
            Predicate<String> activeApiKey, Clock clock) {
        this.repository = repository;
        this.profiles = profiles;
        this.creators = creators;
        this.ca = ca;
        this.token = token;
        this.links = links;
        this.activeApiKey = activeApiKey;
        this.clock = clock;
    }

    /** A front end a creator allows to sign with their identity. */
    public record Grant(String apiKeyName, Instant grantedAt) {
    }

    /** The key a stamp signs the creator's identity assertion with, and its certificate. */
    public record SigningIdentity(String handle, String displayName, Signer signer) {
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
     * credential is issued on first use, and again when the creator's display name changed or it nears its end; on
     * a node whose signer is in a PKCS#11 token, a credential whose key the service holds is replaced by one made in
     * the token.
     *
     * @throws IdentityUnavailableException when the creator's key is in a PKCS#11 token that this node cannot reach,
     *                                      is missing from it, or cannot be made there
     */
    public Optional<SigningIdentity> signingIdentity(String handle, String apiKeyName) {
        if (apiKeyName == null || creators.find(handle).isEmpty() || !repository.granted(handle, apiKeyName)) {
            return Optional.empty();
        }
        String name = displayName(handle);
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<IdentityRecord> kept = repository.credential(handle);
            if (kept.isPresent()) {
                IdentityRecord r = kept.get();
                if (r.tokenKey().isPresent() && token.isEmpty()) {
                    throw new IdentityUnavailableException(handle, r.tokenKey().get(),
                            "is in a PKCS#11 token, and this node's signer is not (signer.pkcs11.config)");
                }
                X509Certificate certificate = IdentityCa.certificate(r.certificatePem());
                if (r.displayName().equals(name) && !ca.needsRenewal(certificate)
                        && r.tokenKey().isPresent() == token.isPresent()) {
                    return Optional.of(new SigningIdentity(handle, name, signer(r, certificate)));
                }
                Issued renewed = issue(handle, name);
                if (repository.replaceCredential(r.certificatePem(), renewed.record())) {
                    return Optional.of(renewed.identity());
                }
            } else {
                Issued issued = issue(handle, name);
                try {
                    repository.insertCredential(issued.record());
                    return Optional.of(issued.identity());
                } catch (DuplicateKeyException raced) {
                    // another node issued one first: use theirs
                }
            }
        }
        throw new IllegalStateException("the identity credential of " + handle + " keeps changing");
    }

    /** A creator's identity credential: its key's label when the key is in the PKCS#11 token, and its certificate. */
    public record IdentityCredential(String handle, String displayName, Optional<String> tokenKey,
            X509Certificate certificate) {
    }

    /**
     * Issues the creator a new identity credential in place of the one kept: for when its key was lost from the
     * PKCS#11 token, and stamps go ahead without the creator's identity. The new key is made in the token, under the
     * creator's next label, when this node's signer is there, else the service holds it. A replaced key in the
     * token is not removed from it, and its label stays taken; every node signs with the new key from its next stamp.
     *
     * @throws NotFoundException            when no creator has that handle
     * @throws IdentityUnavailableException when the kept key is in a token this node cannot reach, or the new key
     *                                      cannot be made in it
     * @throws ConflictException            when another node replaced the credential meanwhile
     */
    public IdentityCredential reissue(String handle) {
        if (creators.find(handle).isEmpty()) {
            throw new NotFoundException("no creator registered as '" + shorten(handle) + "'");
        }
        Optional<IdentityRecord> kept = repository.credential(handle);
        if (kept.isPresent() && kept.get().tokenKey().isPresent() && token.isEmpty()) {
            throw new IdentityUnavailableException(handle, kept.get().tokenKey().get(),
                    "is in a PKCS#11 token, and this node's signer is not (signer.pkcs11.config)");
        }
        Issued issued = issue(handle, displayName(handle));
        boolean recorded;
        if (kept.isPresent()) {
            recorded = repository.replaceCredential(kept.get().certificatePem(), issued.record());
        } else {
            try {
                repository.insertCredential(issued.record());
                recorded = true;
            } catch (DuplicateKeyException raced) {
                recorded = false;
            }
        }
        if (!recorded) {
            throw new ConflictException("the identity credential of " + handle + " changed meanwhile; run again");
        }
        IdentityRecord r = issued.record();
        return new IdentityCredential(handle, r.displayName(), r.tokenKey(), IdentityCa.certificate(r.certificatePem()));
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

    /** A new credential, as the identity to sign with and as the record to keep. */
    private record Issued(SigningIdentity identity, IdentityRecord record) {
    }

    private Issued issue(String handle, String name) {
        URI page = URI.create(links.creatorPage(handle));
        Instant now = Timestamps.storable(clock.instant());
        if (token.isEmpty()) {
            SigningCredentials issued = ca.issue(name, page);
            IdentityCa.StoredCredential stored = IdentityCa.store(issued);
            return new Issued(new SigningIdentity(handle, name, KeySigner.of(issued.privateKey(), issued.chain())),
                    new IdentityRecord(handle, name, stored.certificatePem(), Optional.of(stored.keyPem()),
                            Optional.empty(), now));
        }
        String label = reserveTokenKey(handle, now);
        Pkcs11Token.Entry made;
        try {
            made = ca.issueInToken(token.get(), label, name, page);
        } catch (IllegalStateException | InvalidInputException e) {
            throw new IdentityUnavailableException(handle, label, "cannot be made: " + e.getMessage());
        }
        return new Issued(new SigningIdentity(handle, name, new TokenIdentitySigner(handle, label, token.get(),
                made.privateKey(), made.leaf())),
                new IdentityRecord(handle, name, IdentityCa.certificatePem(made.leaf()), Optional.empty(),
                        Optional.of(label), now));
    }

    /**
     * A label for the creator's next key on the token, {@code credmark-identity-{handle}-{n}}, taken in the
     * database first so that two nodes issuing at once never make two keys under one label.
     */
    private String reserveTokenKey(String handle, Instant now) {
        for (int n = repository.tokenKeyCount(handle) + 1; ; n++) {
            String label = Pkcs11Credentials.IDENTITY_KEY_PREFIX + handle + "-" + n;
            if (repository.reserveTokenKey(label, handle, now)) {
                return label;
            }
        }
    }

    private Signer signer(IdentityRecord r, X509Certificate certificate) {
        if (r.keyPem().isPresent()) {
            SigningCredentials credentials = IdentityCa.load(new IdentityCa.StoredCredential(r.certificatePem(),
                    r.keyPem().get()));
            return KeySigner.of(credentials.privateKey(), credentials.chain());
        }
        String label = r.tokenKey().orElseThrow();
        Pkcs11Token.Entry entry;
        try {
            entry = token.get().entry(label).orElseThrow(() -> new IdentityUnavailableException(
                    r.handle(), label, "is not on the PKCS#11 token"));
        } catch (InvalidInputException e) {
            throw new IdentityUnavailableException(r.handle(), label, "cannot be read: " + e.getMessage());
        }
        if (!entry.leaf().getPublicKey().equals(certificate.getPublicKey())) {
            throw new IdentityUnavailableException(r.handle(), label,
                    "on the PKCS#11 token is not the key of the creator's certificate");
        }
        return new TokenIdentitySigner(r.handle(), label, token.get(), entry.privateKey(), certificate);
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
