package io.credmark.c2pa.validate;

import io.credmark.c2pa.assertion.Action;
import io.credmark.c2pa.assertion.ActionsAssertion;
import io.credmark.c2pa.assertion.DigitalSourceType;
import io.credmark.c2pa.claim.ClaimWriter;
import io.credmark.c2pa.jumbf.JumbfReader;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.c2pa.sign.KeySigner;
import io.credmark.c2pa.sign.ManifestBuilder;
import io.credmark.c2pa.sign.Signer;
import io.credmark.container.AssetHandlers;
import io.credmark.container.EmbeddingPlan;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.container.ParsedImage;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.SigningCredentials;
import io.credmark.pki.TrustAnchors;
import io.credmark.pki.TrustEvaluator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/** Small images signed with the real builder and a development CA's signer, and validated as a verifier would. */
final class SignedImages {

    static final ClaimWriter.GeneratorInfo GENERATOR = new ClaimWriter.GeneratorInfo("credmark-test", "1");

    private SignedImages() {
    }

    /** An 8×8 RGB PNG with a gradient, so that every pixel byte matters. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, (x * 32) << 16 | (y * 32) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Signer signer(DevelopmentCa ca) {
        return signer(ca.signer());
    }

    static Signer signer(SigningCredentials credentials) {
        return KeySigner.of(credentials.privateKey(), credentials.chain());
    }

    /** Signs {@code image} with the assertions {@code content} adds (the builder adds the data hash itself). */
    static byte[] sign(byte[] image, Signer signer, Consumer<ManifestBuilder> content) {
        ManifestBuilder builder = new ManifestBuilder(GENERATOR, new SecureRandom());
        content.accept(builder);
        try {
            return builder.sign(EmbeddingPlan.replacingStores(AssetHandlers.read(image)), signer).toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The actions every v2 manifest needs (spec 2.2 §18.4.4): created, by a trained model. */
    static void created(ManifestBuilder builder) {
        builder.add(ActionsAssertion.LABEL, ActionsAssertion.encode(List.of(new Action(Action.CREATED,
                DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA, null, null, List.of(), null))));
    }

    static ValidationResult validate(byte[] file, TrustAnchors anchors) {
        return validate(file, anchors, Clock.systemUTC());
    }

    static ValidationResult validate(byte[] file, TrustAnchors anchors, Clock clock) {
        ParsedImage image = AssetHandlers.read(file);
        ManifestStoreCarrier carrier = image.store().orElseThrow();
        return new Validator(new TrustEvaluator(anchors), new TrustEvaluator(TrustAnchors.none()), clock)
                .validate(image, carrier);
    }

    /** The active manifest of a signed file's store. */
    static SuperBox activeManifest(byte[] file) {
        SuperBox store = JumbfReader.readSuperBox(AssetHandlers.read(file).store().orElseThrow().jumbf());
        return store.superBoxes().get(store.superBoxes().size() - 1);
    }

    /** The offset in the file of a byte of the store: past the {@code caBX} chunk's length and type. */
    static int fileOffset(byte[] file, int jumbfOffset) {
        return (int) AssetHandlers.read(file).store().orElseThrow().start() + 8 + jumbfOffset;
    }

    static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x01;
        return copy;
    }
}
