package io.credmark.c2pa.sign;

import io.credmark.bytes.Sha256;
import io.credmark.c2pa.assertion.Assertion;
import io.credmark.c2pa.assertion.DataHashAssertion;
import io.credmark.c2pa.assertion.IdentityAssertion;
import io.credmark.c2pa.claim.ClaimWriter;
import io.credmark.c2pa.claim.HashedUri;
import io.credmark.c2pa.claim.JumbfUri;
import io.credmark.c2pa.cose.CoseSign1;
import io.credmark.c2pa.cose.CoseSign1Writer;
import io.credmark.c2pa.jumbf.DescriptionBox;
import io.credmark.c2pa.jumbf.JumbfUuids;
import io.credmark.c2pa.jumbf.JumbfWriter;
import io.credmark.container.ByteRange;
import io.credmark.container.EmbeddingPlan;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Lays out, hashes and signs one standard manifest (claim v2) and its store.
 *
 * <p>The size problem (the data hash must name the length of the store that contains it) is solved as spec 2.2
 * §10.3.2.5 and c2pa-rs do: lay out the store once with a zero-length exclusion and a padded data hash and a
 * signature placeholder of the reserved size; then fill in the real exclusion, shrinking the pad so the assertion
 * keeps its size; then sign and pad the COSE structure to the reserved size. The store's length never changes
 * between the passes, which the builder checks.
 *
 * <p>A manifest may carry a CAWG identity assertion signed by a second credential (guide §5.6). It references the
 * hard binding, so it is made after the data hash is final and before the claim, which lists it among the gathered
 * assertions; its signature is padded to a size reserved in the first pass, like the claim signature.
 */
public final class ManifestBuilder {

    static final String HASH_ALG = "sha256";
    private static final int SALT_BYTES = 16;
    private static final int DATA_HASH_PAD = 16;
    /** The CBOR around a token in the unprotected header: {@code "sigTst2": {"tstTokens": [{"val": bstr}]}}. */
    private static final int TIME_STAMP_ENTRY = 40;
    /** {@code pad1} of the identity assertion: required by CAWG, unused since the COSE structure pads itself. */
    private static final int IDENTITY_PAD = 0;

    private final ClaimWriter.GeneratorInfo generator;
    private final String label;
    private final SecureRandom random;
    private final List<Assertion> assertions = new ArrayList<>();
    private final List<byte[]> ingredientManifests = new ArrayList<>();
    private String title;
    private IdentityRequest identity;

    /** The credential that signs the identity assertion and the labels of the assertions it vouches for. */
    private record IdentityRequest(Signer credential, List<String> referencedLabels) {
    }

    public ManifestBuilder(ClaimWriter.GeneratorInfo generator, SecureRandom random) {
        this(generator, random, "urn:c2pa:" + UUID.randomUUID());
    }

    /** A manifest labelled {@code label}, which must be {@code urn:c2pa:} and a UUID: unique to this manifest. */
    public ManifestBuilder(ClaimWriter.GeneratorInfo generator, SecureRandom random, String label) {
        this.generator = generator;
        this.random = random;
        this.label = label;
    }

    public String label() {
        return label;
    }

    public ManifestBuilder title(String title) {
        this.title = title;
        return this;
    }

    /** A fresh salt for an assertion's description box. */
    public byte[] salt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    /**
     * Adds a CBOR assertion, salted, to the claim's created assertions, and returns the hashed URI that refers to it
     * (for an action's ingredient list, for instance). Labels must be unique; add {@code __n} suffixes yourself.
     */
    public HashedUri add(String assertionLabel, byte[] cbor) {
        if (assertions.stream().anyMatch(a -> a.label().equals(assertionLabel))) {
            throw new IllegalArgumentException("duplicate assertion label " + assertionLabel);
        }
        Assertion a = Assertion.cbor(assertionLabel, cbor, salt());
        assertions.add(a);
        return hashedUri(a);
    }

    /** Adds an embedded-file assertion (a claim thumbnail) and returns the hashed URI that refers to it. */
    public HashedUri addEmbeddedFile(String assertionLabel, String mediaType, byte[] content) {
        if (assertions.stream().anyMatch(a -> a.label().equals(assertionLabel))) {
            throw new IllegalArgumentException("duplicate assertion label " + assertionLabel);
        }
        Assertion a = Assertion.embeddedFile(assertionLabel, mediaType, content, salt());
        assertions.add(a);
        return hashedUri(a);
    }

    /**
     * Copies a manifest of an ingredient's store (a whole {@code jumb} superbox, as stored) into this store, ahead
     * of the new manifest. Copy every manifest of an ingredient's store so that its own ingredients still resolve.
     */
    public ManifestBuilder addIngredientManifest(byte[] manifestSuperBox) {
        ingredientManifests.add(manifestSuperBox);
        return this;
    }

    /**
     * Adds a CAWG identity assertion ({@code cawg.identity}, sig_type {@code cawg.x509.cose}) signed by
     * {@code credential}, referencing the hard binding and the assertions labelled {@code referencedLabels} (added
     * before signing). It is time-stamped as the claim signature is.
     */
    public ManifestBuilder identity(Signer credential, String... referencedLabels) {
        this.identity = new IdentityRequest(credential, List.of(referencedLabels));
        return this;
    }

    public SignedManifest sign(EmbeddingPlan plan, Signer signer) throws GeneralSecurityException {
        return sign(plan, signer, TimeStamping.NONE);
    }

    /**
     * Signs, and time-stamps the signature as {@code timeStamping} says (a v2 {@code sigTst2} token, guide §3.2).
     *
     * @throws TimeStampUnavailableException when a required time-stamp cannot be obtained
     */
    public SignedManifest sign(EmbeddingPlan plan, Signer signer, TimeStamping timeStamping)
            throws GeneralSecurityException {
        MessageDigest sha = Sha256.digest();
        plan.digestKept(sha);
        byte[] assetHash = sha.digest();
        long start = plan.insertionOffset();

        byte[] dataHashSalt = salt();
        Assertion provisional = dataHash(start, 0, assetHash, DATA_HASH_PAD, dataHashSalt);
        int timeStampRoom = timeStamping.authority().map(a -> a.reservedLength() + TIME_STAMP_ENTRY).orElse(0);
        byte[] protectedHeader = CoseSign1Writer.protectedHeader(signer.algorithm(), signer.chain());
        int reserved = CoseSign1Writer.minimalSize(protectedHeader, signer.maxSignatureLength()) + timeStampRoom;

        byte[] identitySalt = salt();
        byte[] identityHeader = null;
        int identityReserved = 0;
        Assertion provisionalIdentity = null;
        if (identity != null) {
            identityHeader = CoseSign1Writer.protectedHeader(identity.credential().algorithm(),
                    identity.credential().chain());
            identityReserved = CoseSign1Writer.minimalSize(identityHeader, identity.credential().maxSignatureLength())
                    + timeStampRoom;
            provisionalIdentity = Assertion.cbor(IdentityAssertion.LABEL, IdentityAssertion.encode(
                    identityReferences(provisional), new byte[identityReserved], IDENTITY_PAD), identitySalt);
        }

        byte[] firstClaim = claim(provisional, provisionalIdentity);
        int storeLength = store(provisional, provisionalIdentity, firstClaim, new byte[reserved]).length;
        long carrierLength = plan.carrierLength(storeLength);

        Assertion dataHash = null;
        for (int pad = DATA_HASH_PAD; pad >= 0 && dataHash == null; pad--) {
            Assertion candidate = dataHash(start, carrierLength, assetHash, pad, dataHashSalt);
            if (candidate.content().length == provisional.content().length) {
                dataHash = candidate;
            }
        }
        if (dataHash == null) {
            throw new IllegalStateException("data hash assertion cannot keep its size");
        }
        Assertion identityAssertion = null;
        Optional<TimeStampOutcome> identityTimeStamp = Optional.empty();
        if (identity != null) {
            List<HashedUri> referenced = identityReferences(dataHash);
            byte[] identitySignature = identity.credential().sign(CoseSign1.sigStructure(identityHeader,
                    IdentityAssertion.signerPayload(referenced, IdentityAssertion.SIG_TYPE_X509, List.of())));
            TimeStampOutcome stamped = timeStamp(timeStamping, identityHeader, identitySignature);
            byte[] identityCose = CoseSign1Writer.encode(identityHeader,
                    stamped.stamp().map(TimeStamp::token).orElse(null), identitySignature, identityReserved);
            identityAssertion = Assertion.cbor(IdentityAssertion.LABEL, IdentityAssertion.encode(referenced,
                    identityCose, IDENTITY_PAD), identitySalt);
            if (identityAssertion.content().length != provisionalIdentity.content().length) {
                throw new IllegalStateException("identity assertion changed size between passes");
            }
            identityTimeStamp = Optional.of(stamped);
        }
        byte[] claim = claim(dataHash, identityAssertion);
        byte[] signature = signer.sign(CoseSign1.sigStructure(protectedHeader, claim));
        TimeStampOutcome timeStamp = timeStamp(timeStamping, protectedHeader, signature);
        byte[] cose = CoseSign1Writer.encode(protectedHeader, timeStamp.stamp().map(TimeStamp::token).orElse(null),
                signature, reserved);
        byte[] store = store(dataHash, identityAssertion, claim, cose);
        if (store.length != storeLength) {
            throw new IllegalStateException("manifest store changed size between passes: " + storeLength + " -> "
                    + store.length);
        }
        return new SignedManifest(label, store, plan.wrap(store), plan, timeStamp, identityTimeStamp,
                signer.chain().get(0));
    }

    /** A v2 time-stamp over a signature (guide §3.2), or why there is none. */
    private static TimeStampOutcome timeStamp(TimeStamping timeStamping, byte[] protectedHeader, byte[] signature) {
        if (timeStamping.authority().isEmpty()) {
            return TimeStampOutcome.OFF;
        }
        try {
            return TimeStampOutcome.of(timeStamping.authority().get().timeStamp(
                    CoseSign1.counterSignatureData(protectedHeader, signature)));
        } catch (TimeStampUnavailableException e) {
            if (timeStamping.required()) {
                throw e;
            }
            return TimeStampOutcome.missing(e.getMessage());
        }
    }

    /** What the identity assertion references: the hard binding, then the requested assertions. */
    private List<HashedUri> identityReferences(Assertion dataHash) {
        List<HashedUri> referenced = new ArrayList<>();
        referenced.add(hashedUri(dataHash));
        for (String wanted : identity.referencedLabels()) {
            referenced.add(hashedUri(assertions.stream().filter(a -> a.label().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the identity assertion references " + wanted
                            + ", which was not added"))));
        }
        return referenced;
    }

    private Assertion dataHash(long start, long length, byte[] hash, int pad, byte[] salt) {
        byte[] cbor = new DataHashAssertion(List.of(new ByteRange(start, length)), "jumbf manifest", HASH_ALG, hash,
                pad).encode();
        return Assertion.cbor(DataHashAssertion.LABEL, cbor, salt);
    }

    /** @param identity the identity assertion, gathered (CAWG identity 1.x §5.2), or {@code null} */
    private byte[] claim(Assertion dataHash, Assertion identity) {
        List<HashedUri> created = new ArrayList<>();
        for (Assertion a : assertions) {
            created.add(hashedUri(a));
        }
        created.add(hashedUri(dataHash));
        List<HashedUri> gathered = identity == null ? List.of() : List.of(hashedUri(identity));
        return ClaimWriter.encode("xmp:iid:" + UUID.randomUUID(), generator,
                JumbfUri.absolute(label, "c2pa.signature"), created, gathered, title, HASH_ALG);
    }

    private byte[] store(Assertion dataHash, Assertion identity, byte[] claim, byte[] cose) {
        List<byte[]> assertionBoxes = new ArrayList<>();
        assertions.forEach(a -> assertionBoxes.add(a.toSuperBox()));
        assertionBoxes.add(dataHash.toSuperBox());
        if (identity != null) {
            assertionBoxes.add(identity.toSuperBox());
        }
        byte[] manifest = JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.STANDARD_MANIFEST, label, null),
                List.of(
                        JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.ASSERTION_STORE, "c2pa.assertions",
                                null), assertionBoxes),
                        JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.CLAIM, "c2pa.claim.v2", null),
                                List.of(JumbfWriter.contentBox("cbor", claim))),
                        JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.SIGNATURE, "c2pa.signature", null),
                                List.of(JumbfWriter.contentBox("cbor", cose)))));
        List<byte[]> manifests = new ArrayList<>(ingredientManifests);
        manifests.add(manifest);
        return JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.MANIFEST_STORE, "c2pa", null), manifests);
    }

    private static HashedUri hashedUri(Assertion a) {
        byte[] box = a.toSuperBox();
        MessageDigest sha = Sha256.digest();
        sha.update(box, 8, box.length - 8);
        return new HashedUri(JumbfUri.relative("c2pa.assertions", a.label()), null, sha.digest());
    }
}
