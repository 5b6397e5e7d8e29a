package io.credmark.testing;

import io.credmark.c2pa.assertion.Action;
import io.credmark.c2pa.assertion.ActionsAssertion;
import io.credmark.c2pa.assertion.DigitalSourceType;
import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.claim.ClaimWriter;
import io.credmark.c2pa.sign.KeySigner;
import io.credmark.c2pa.sign.ManifestBuilder;
import io.credmark.c2pa.sign.SignedManifest;
import io.credmark.c2pa.sign.TimeStamping;
import io.credmark.container.AssetHandlers;
import io.credmark.container.EmbeddingPlan;
import io.credmark.identity.TimeStampAuthority;
import io.credmark.identity.TimeStampClient;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.IdentityCa;
import io.credmark.pki.SigningCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * A committed test image signed as the service signs a stamp whose creator granted the front end: by a development
 * CA's signer, with a CAWG identity assertion (guide §5.6) signed by a creator's credential from an identity CA.
 */
public final class IdentitySignedImages {

    private static final String PROVENANCE = "io.credmark.provenance";

    private IdentitySignedImages() {
    }

    /** Time-stamps from {@code ca}'s own time-stamping authority, in process, as the service's built-in TSA gives. */
    public static TimeStamping builtInTimeStamping(DevelopmentCa ca) {
        return TimeStamping.required(TimeStampClient.local(new TimeStampAuthority(ca.timeStampAuthority(),
                Clock.systemUTC(), new SecureRandom())));
    }

    /**
     * {@code testdata/images/rgb8.png} signed by {@code ca}'s signer, with a creator's identity issued by
     * {@code identities}.
     */
    public static SignedManifest sign(DevelopmentCa ca, IdentityCa identities, TimeStamping timeStamping) {
        SigningCredentials creator = identities.issue("Mirelle Ink",
                URI.create("https://credmark.example/u/mirelle.ink"));
        ManifestBuilder b = new ManifestBuilder(new ClaimWriter.GeneratorInfo("credmark-test", "1"),
                new SecureRandom());
        b.add(ActionsAssertion.LABEL, ActionsAssertion.encode(List.of(new Action(Action.CREATED,
                DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA, null, null, List.of(), null))));
        b.add(PROVENANCE, new CborWriter().map(1).key("creator").text("mirelle.ink").endMap().toByteArray());
        b.identity(KeySigner.of(creator.privateKey(), creator.chain()), PROVENANCE);
        try {
            byte[] image = Files.readAllBytes(Corpus.file("testdata/images/rgb8.png"));
            return b.sign(EmbeddingPlan.replacingStores(AssetHandlers.read(image)),
                    KeySigner.of(ca.signer().privateKey(), ca.signer().chain()), timeStamping);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
