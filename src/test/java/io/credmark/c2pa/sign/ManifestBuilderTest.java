package io.credmark.c2pa.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.assertion.DataHashAssertion;
import io.credmark.c2pa.cbor.CborReader;
import io.credmark.c2pa.claim.Claim;
import io.credmark.c2pa.claim.ClaimWriter;
import io.credmark.c2pa.claim.HashedUri;
import io.credmark.c2pa.jumbf.JumbfReader;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.container.AssetHandlers;
import io.credmark.container.EmbeddingPlan;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.container.ParsedImage;
import io.credmark.pki.DevelopmentCa;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout the builder writes, checked against the spec rather than against the validator. */
class ManifestBuilderTest {

    private static final byte[] CUSTOM = {(byte) 0xA1, 0x61, 'k', 0x01};

    @TempDir
    static Path dir;
    static Signer signer;
    static byte[] original;
    static byte[] signed;
    static ManifestBuilder builder;
    static HashedUri custom;

    @BeforeAll
    static void sign() throws Exception {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dir);
        signer = KeySigner.of(ca.signer().privateKey(), ca.signer().chain());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        original = out.toByteArray();
        builder = new ManifestBuilder(new ClaimWriter.GeneratorInfo("test", "1"), new SecureRandom());
        custom = builder.add("com.example.test", CUSTOM);
        signed = builder.sign(EmbeddingPlan.replacingStores(AssetHandlers.read(original)), signer).toByteArray();
    }

    @Test
    void thePngStoreIsOneCaBxChunkRightAfterIhdr() {
        // guide §4.4: len | 'caBX' | store | CRC, inserted at offset 33; every other byte as it was
        ManifestStoreCarrier carrier = AssetHandlers.read(signed).store().orElseThrow();
        assertEquals(33, carrier.start());
        assertEquals(carrier.jumbf().length + 12, carrier.length());
        assertEquals("caBX", new String(signed, 37, 4, java.nio.charset.StandardCharsets.US_ASCII));
        byte[] without = new byte[signed.length - (int) carrier.length()];
        System.arraycopy(signed, 0, without, 0, 33);
        System.arraycopy(signed, 33 + (int) carrier.length(), without, 33, without.length - 33);
        assertArrayEquals(original, without);
    }

    @Test
    void theDataHashExcludesExactlyTheStoreAndHashesEverythingElse() throws Exception {
        ManifestStoreCarrier carrier = AssetHandlers.read(signed).store().orElseThrow();
        SuperBox dataHash = manifest().child("c2pa.assertions").orElseThrow().child(DataHashAssertion.LABEL)
                .orElseThrow();
        DataHashAssertion.Read read = DataHashAssertion.decode(CborReader.read(
                dataHash.firstContent().orElseThrow().payload().toByteArray())).orElseThrow();
        assertEquals(1, read.exclusions().size());
        assertEquals(carrier.start(), read.exclusions().get(0)[0]);
        assertEquals(carrier.length(), read.exclusions().get(0)[1]);
        assertEquals("sha256", read.alg());
        assertTrue(read.padsZero());
        // guide §4.2: with the store excluded, the hash is that of the file without it
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(original), read.hash());
    }

    @Test
    void theClaimListsEveryAssertionWithTheHashOfItsBoxPayload() throws Exception {
        SuperBox manifest = manifest();
        Claim claim = Claim.parse(Claim.LABEL_V2, manifest.child("c2pa.claim.v2").orElseThrow().firstContent()
                .orElseThrow().payload().toByteArray());
        assertEquals(java.util.List.of("self#jumbf=c2pa.assertions/com.example.test",
                "self#jumbf=c2pa.assertions/c2pa.hash.data"),
                claim.createdAssertions().stream().map(HashedUri::url).toList());
        assertEquals("self#jumbf=/c2pa/" + builder.label() + "/c2pa.signature", claim.signatureUrl());
        assertEquals("sha256", claim.alg());
        for (HashedUri uri : claim.createdAssertions()) {
            String label = uri.url().substring(uri.url().lastIndexOf('/') + 1);
            SuperBox box = manifest.child("c2pa.assertions").orElseThrow().child(label).orElseThrow();
            // guide §1.4: the superbox's payload, its description (with the salt) and content, without its header
            assertArrayEquals(box.payload().sha256(), uri.hash(), label);
        }
        assertArrayEquals(custom.hash(), claim.createdAssertions().get(0).hash());
        SuperBox box = manifest.child("c2pa.assertions").orElseThrow().child("com.example.test").orElseThrow();
        assertArrayEquals(CUSTOM, box.firstContent().orElseThrow().payload().toByteArray());
    }

    @Test
    void theActiveManifestIsTheLastOfTheStoreAndCarriesTheBuildersLabel() {
        SuperBox store = JumbfReader.readSuperBox(AssetHandlers.read(signed).store().orElseThrow().jumbf());
        assertEquals("c2pa", store.label());
        assertEquals(builder.label(), store.superBoxes().get(store.superBoxes().size() - 1).label());
        assertTrue(builder.label().startsWith("urn:c2pa:"));
    }

    @Test
    void aLabelUsedTwiceIsRefused() {
        ManifestBuilder b = new ManifestBuilder(new ClaimWriter.GeneratorInfo("test", "1"), new SecureRandom());
        b.add("com.example.test", CUSTOM);
        assertThrows(IllegalArgumentException.class, () -> b.add("com.example.test", CUSTOM));
    }

    @Test
    void signingTheSameImageTwiceSaltsEachAssertionAfresh() throws Exception {
        ManifestBuilder b = new ManifestBuilder(new ClaimWriter.GeneratorInfo("test", "1"), new SecureRandom());
        HashedUri again = b.add("com.example.test", CUSTOM);
        assertTrue(!Arrays.equals(custom.hash(), again.hash()), "the same content hashes differently with a new salt");
    }

    private static SuperBox manifest() {
        ParsedImage image = AssetHandlers.read(signed);
        SuperBox store = JumbfReader.readSuperBox(image.store().orElseThrow().jumbf());
        return store.superBoxes().get(store.superBoxes().size() - 1);
    }
}
