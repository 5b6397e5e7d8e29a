package io.credmark.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.credmark.app.Settings;
import io.credmark.Limits;
import io.credmark.PixelBudget;
import io.credmark.bytes.Sha256;
import io.credmark.c2pa.claim.ClaimWriter;
import io.credmark.c2pa.sign.KeySigner;
import io.credmark.c2pa.sign.Signer;
import io.credmark.c2pa.sign.TimeStamping;
import io.credmark.c2pa.validate.Validator;
import io.credmark.creators.CreatorIdentities;
import io.credmark.creators.Creators;
import io.credmark.creators.ModelRegistry;
import io.credmark.credential.CredentialLinks;
import io.credmark.credential.SignerName;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.http.WebLinks;
import io.credmark.pixels.watermark.WatermarkKey;
import io.credmark.pixels.watermark.Watermarker;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.IdentityCa;
import io.credmark.pki.KeyType;
import io.credmark.pki.SigningCredentials;
import io.credmark.pki.TrustAnchors;
import io.credmark.pki.TrustEvaluator;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.store.CreatorIdentityRepository;
import io.credmark.store.CreatorProfileRepository;
import io.credmark.store.CreatorRepository;
import io.credmark.store.CredentialRecord;
import io.credmark.store.CredentialStore;
import io.credmark.store.Database;
import io.credmark.store.ModelRepository;
import io.credmark.store.ValueSealer;
import io.credmark.testing.Corpus;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential records the signer that signed its manifest: after the current signer changes in a running process
 * (rotated, or renewed on expiry), the very next credential names the new certificate, as its fingerprint does.
 */
class IssuerSignerTest {

    @TempDir
    Path data;

    @Test
    void aCredentialNamesTheSignerCurrentWhenItWasSignedNotTheOneAtStart() throws Exception {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(data);
        SigningCredentials first = ca.signer();
        KeyPair keys = KeyType.EC_P256.generateKeyPair(new SecureRandom());
        // a signer named differently from the development one, from the same intermediate
        List<X509Certificate> renamed = ca.issueSigner(keys.getPublic(), "credmark rotated signer");
        AtomicReference<Signer> current = new AtomicReference<>(KeySigner.of(first.privateKey(), first.chain()));

        try (Database db = Database.open(Database.defaultUrl(data))) {
            Issuer issuer = issuer(ca, current, db);
            CredentialStore store = new CredentialStore(db, ValueSealer.openOrCreate(data));
            CredentialRecord before = store.find(stamp(issuer).credential().id().value()).orElseThrow();
            assertEquals(SignerName.of(first.leaf()).commonName(), before.signerCommonName());

            current.set(KeySigner.of(keys.getPrivate(), renamed));
            Stamped after = stamp(issuer);
            SignerName expected = SignerName.of(renamed.get(0));
            assertNotEquals(SignerName.of(first.leaf()), expected);
            assertEquals(expected, after.credential().signer());
            CredentialRecord recorded = store.find(after.credential().id().value()).orElseThrow();
            assertEquals(expected, new SignerName(recorded.signerOrganization(), recorded.signerCommonName(),
                    recorded.signerIssuer()));
            assertEquals(Sha256.hex(renamed.get(0).getEncoded()), recorded.signerSha256(),
                    "the name and the fingerprint are the same certificate's");
        }
    }

    private Issuer issuer(DevelopmentCa ca, AtomicReference<Signer> current, Database db) throws Exception {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        IdentityCa identityCa = IdentityCa.openOrCreate(data);
        Validator validator = new Validator(new TrustEvaluator(TrustAnchors.of(ca.root())),
                new TrustEvaluator(TrustAnchors.of(identityCa.root())), clock);
        StampService stamping = new StampService(current::get, TimeStamping.NONE, validator,
                new ClaimWriter.GeneratorInfo("credmark", "test"), Limits.DEFAULT, clock, random,
                new Watermarker(WatermarkKey.openOrCreate(data)),
                new PixelBudget(PixelBudget.defaultCapacity(), Duration.ofSeconds(10)),
                Settings.DEFAULT_PNG_DEFLATE_LEVEL);
        CredentialStore store = new CredentialStore(db, ValueSealer.openOrCreate(data));
        CredentialLinks links = new WebLinks("https://credmark.example");
        Creators creators = new Creators(new CreatorRepository(db), store, clock, random);
        ModelRegistry models = new ModelRegistry(new ModelRepository(db), creators, store, links, TimeStamping.NONE,
                TrustAnchors.of(ca.root()), clock);
        CreatorIdentities identities = new CreatorIdentities(new CreatorIdentityRepository(db,
                ValueSealer.openOrCreate(data)), new CreatorProfileRepository(db), creators, identityCa, Optional.empty(),
                links, name -> false, clock);
        return new Issuer(stamping, store, creators, models, links, identities, clock, random);
    }

    private static Stamped stamp(Issuer issuer) {
        return issuer.stamp(new StampOrder(Corpus.bytes("testdata/images/rgb8.png"), new ProvenanceInput.Spelled(
                ProvenanceParser.parse(Corpus.bytes("testdata/provenance/example.json"))), StampOptions.METADATA_ONLY,
                DisclosurePolicy.ALL_PUBLIC, Optional.empty(), "front-end"));
    }
}
