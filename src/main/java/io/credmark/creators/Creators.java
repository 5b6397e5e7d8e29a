package io.credmark.creators;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.ConflictException;
import io.credmark.InvalidInputException;
import io.credmark.Json;
import io.credmark.NotFoundException;
import io.credmark.bytes.Sha256;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.provenance.Problem;
import io.credmark.provenance.ProvenanceException;
import io.credmark.store.CommitmentRecord;
import io.credmark.store.CreatorRecord;
import io.credmark.store.CreatorRepository;
import io.credmark.store.CredentialStore;
import io.credmark.store.DuplicateKeyException;
import io.credmark.store.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model creators: registration, their tokens, and their default disclosure policy. A token is {@code cmc_}
 * followed by 256 random bits in base64url (API keys start with {@code cmk_}); only its SHA-256 is stored. Every
 * check reads the database, so that every node agrees at once on tokens and policies.
 */
public final class Creators {

    public static final String TOKEN_PREFIX = "cmc_";
    /** Handles are what {@code creator.handle} says in provenance documents, restricted to what is safe in URLs. */
    public static final Pattern HANDLE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final String HANDLE_RULE = "1 to 64 characters a-z, 0-9, '.', '_', '-', starting with a letter or digit";
    private static final int MAX_PRESENTED_LENGTH = 256;
    private static final Logger LOG = LoggerFactory.getLogger(Creators.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final CreatorRepository repository;
    private final CredentialStore disclosures;
    private final Clock clock;
    private final SecureRandom random;

    public Creators(CreatorRepository repository, CredentialStore disclosures, Clock clock, SecureRandom random) {
        this.repository = repository;
        this.disclosures = disclosures;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Registers a handle; its policy starts all public, as credentials of unregistered creators are.
     *
     * @throws InvalidInputException when the handle breaks {@link #HANDLE}
     * @throws ConflictException     when the handle is taken
     */
    public NewCreator register(String handle) {
        if (handle == null || !HANDLE.matcher(handle).matches()) {
            throw InvalidInputException.invalidDocument("handle",
                    "a creator handle is " + HANDLE_RULE);
        }
        String token = newToken();
        Instant now = Timestamps.storable(clock.instant());
        CreatorRecord record = new CreatorRecord(handle, Sha256.hex(token), policyJson(DisclosurePolicy.ALL_PUBLIC),
                now, now);
        try {
            repository.insert(record);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("the creator handle '" + handle + "' is registered");
        }
        LOG.info("creator {} registered", handle);
        return new NewCreator(view(record), token);
    }

    /** Gives the creator a new token; the old one stops working at once. */
    public NewCreator reissueToken(String handle) {
        String token = newToken();
        if (!repository.updateToken(handle, Sha256.hex(token))) {
            throw new NotFoundException("no creator with the handle '" + shorten(handle) + "'");
        }
        LOG.info("creator {} was given a new token", handle);
        return new NewCreator(require(handle), token);
    }

    /** The creator whose token this is; empty when it is none. */
    public Optional<CreatorAccount> authenticate(String presented) {
        if (!looksLikeToken(presented) || presented.length() > MAX_PRESENTED_LENGTH) {
            return Optional.empty();
        }
        return repository.findByTokenHash(Sha256.hex(presented)).map(Creators::view);
    }

    /** Whether a bearer credential is meant as a creator token (rather than, say, an API key). */
    public static boolean looksLikeToken(String presented) {
        return presented != null && presented.startsWith(TOKEN_PREFIX);
    }

    public Optional<CreatorAccount> find(String handle) {
        if (handle == null || !HANDLE.matcher(handle).matches()) {
            return Optional.empty();
        }
        return repository.find(handle).map(Creators::view);
    }

    /** @throws NotFoundException when no creator has the handle */
    public CreatorAccount require(String handle) {
        return find(handle).orElseThrow(() -> new NotFoundException("no creator with the handle '"
                + shorten(handle) + "'"));
    }

    /**
     * Replaces the creator's default policy. It applies at once to every view of their credentials that have no
     * override of their own, and to new stamps.
     */
    public PolicyUpdate setPolicy(CreatorAccount creator, DisclosurePolicy policy) {
        Instant now = Timestamps.storable(clock.instant());
        if (!repository.updatePolicy(creator.handle(), policyJson(policy), now)) {
            throw new NotFoundException("no creator with the handle '" + creator.handle() + "'");
        }
        LOG.info("creator {} changed their default disclosure policy", creator.handle());
        List<PublishedField> published = new ArrayList<>();
        for (Map.Entry<String, Long> e : disclosures.publishedFieldsFollowingDefault(creator.handle()).entrySet()) {
            if (policy.levelOf(e.getKey()) != DisclosureLevel.PUBLIC) {
                published.add(new PublishedField(e.getKey(), e.getValue()));
            }
        }
        return new PolicyUpdate(require(creator.handle()), published);
    }

    /** The creator's default policy: all public for creators who have not registered. */
    public DisclosurePolicy defaultPolicy(String handle) {
        return find(handle).map(CreatorAccount::policy).orElse(DisclosurePolicy.ALL_PUBLIC);
    }

    /**
     * The policy a credential follows now: the override if the creator set one, else their default; either way at
     * least as strict as what the stamp asked for, which is a floor: the front end that stamped decided for its
     * user, and no creator's choice later loosens that.
     */
    public DisclosurePolicy effectivePolicy(CommitmentRecord c, String handle) {
        DisclosurePolicy chosen = c.overridePolicy().map(Creators::policy).orElseGet(() -> defaultPolicy(handle));
        return chosen.stricterOf(policy(c.requestedPolicy()));
    }

    /**
     * Who sees a field: anyone, unless it is private now; the creator, every field but those the stamp request
     * made private. Those belong to the front end's user, and only the front end had them (in the stamp's answer).
     */
    public static Predicate<String> visibleTo(boolean owner, DisclosurePolicy policy, CommitmentRecord c) {
        DisclosurePolicy requested = policy(c.requestedPolicy());
        return owner ? path -> requested.levelOf(path) != DisclosureLevel.PRIVATE
                : path -> policy.levelOf(path) != DisclosureLevel.PRIVATE;
    }

    /**
     * A credential's creator is the registered creator of its handle, so the handle must be one a creator could
     * register: in that one form (lower-case ASCII), never a lookalike of it such as a Cyrillic "а" or a fullwidth
     * letter, which would otherwise pass for a registered creator's handle on a page.
     */
    public static void requireHandleForm(String handle) {
        if (!HANDLE.matcher(handle).matches()) {
            String normal = java.text.Normalizer.normalize(handle, java.text.Normalizer.Form.NFKC)
                    .toLowerCase(java.util.Locale.ROOT);
            String hint = !normal.equals(handle) && HANDLE.matcher(normal).matches()
                    ? " (write it as '" + normal + "')" : "";
            throw new ProvenanceException(List.of(new Problem("creator.handle",
                    "a creator handle is " + HANDLE_RULE + hint)));
        }
    }

    /** A policy as the store keeps it. */
    public static String policyJson(DisclosurePolicy policy) {
        return policy.toJson().toString();
    }

    static DisclosurePolicy policy(String json) {
        try {
            return DisclosurePolicy.parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored disclosure policy is not JSON", e);
        }
    }

    static String shorten(String s) {
        return s == null ? "" : s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }

    private String newToken() {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    private static CreatorAccount view(CreatorRecord r) {
        return new CreatorAccount(r.handle(), policy(r.disclosureJson()), r.createdAt(), r.policyUpdatedAt());
    }
}
