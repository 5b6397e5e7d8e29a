package io.credmark.c2pa.validate;

import static io.credmark.c2pa.validate.SignatureCheckTest.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.assertion.DataHashAssertion;
import io.credmark.container.ByteRange;
import io.credmark.container.png.PngChunk;
import io.credmark.container.png.PngChunkReader;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.TrustAnchors;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 2.2 §15.12 and §10.2.3: the data hash binds every byte of the file outside the manifest store. */
class HardBindingCheckTest {

    @TempDir
    static Path dir;
    static DevelopmentCa ca;
    static byte[] signed;

    @BeforeAll
    static void sign() {
        ca = DevelopmentCa.openOrCreate(dir);
        signed = SignedImages.sign(SignedImages.png(), SignedImages.signer(ca), SignedImages::created);
    }

    @Test
    void anUnchangedFileIsADataHashMatch() {
        ValidationResult r = SignedImages.validate(signed, TrustAnchors.of(ca.root()));
        assertTrue(codes(r).contains("assertion.dataHash.match"), codes(r).toString());
        assertEquals(ValidationState.TRUSTED, r.state());
    }

    @Test
    void aChangedPixelByteIsADataHashMismatch() {
        PngChunk idat = PngChunkReader.read(signed).chunks().stream().filter(c -> c.type().equals("IDAT"))
                .findFirst().orElseThrow();
        byte[] tampered = SignedImages.flip(signed, (int) idat.dataOffset() + idat.dataLength() / 2);
        ValidationResult r = SignedImages.validate(tampered, TrustAnchors.of(ca.root()));
        assertTrue(codes(r).contains("assertion.dataHash.mismatch"), codes(r).toString());
        assertFalse(codes(r).contains("assertion.dataHash.match"));
        assertEquals(ValidationState.INVALID, r.state());
    }

    @Test
    void aStoreMovedAwayFromItsExclusionIsADataHashMismatch() {
        // a valid ancillary chunk inserted before the store shifts it: the exclusion no longer covers it exactly
        byte[] moved = insertAfterIhdr(signed, chunk("tEXt", "a\0b".getBytes()));
        ValidationResult r = SignedImages.validate(moved, TrustAnchors.of(ca.root()));
        assertTrue(codes(r).contains("assertion.dataHash.mismatch"), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }

    @Test
    void bytesAppendedAfterTheImageAreADataHashMismatch() {
        byte[] longer = java.util.Arrays.copyOf(signed, signed.length + 1);
        ValidationResult r = SignedImages.validate(longer, TrustAnchors.of(ca.root()));
        assertTrue(codes(r).contains("assertion.dataHash.mismatch"), codes(r).toString());
    }

    @Test
    void aSecondDataHashIsMultipleHardBindings() {
        byte[] extra = new DataHashAssertion(List.of(new ByteRange(0, 0)), "jumbf manifest", "sha256", new byte[32],
                0).encode();
        byte[] two = SignedImages.sign(SignedImages.png(), SignedImages.signer(ca), b -> {
            SignedImages.created(b);
            b.add(DataHashAssertion.LABEL + "__1", extra);
        });
        ValidationResult r = SignedImages.validate(two, TrustAnchors.of(ca.root()));
        assertTrue(codes(r).contains("assertion.multipleHardBindings"), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }

    @Test
    void aDataHashWhosePadIsNotZeroIsMalformed() {
        // spec 2.2 §18.5: the pad is all zeros, so that it can carry nothing
        byte[] noPad = new io.credmark.c2pa.cbor.CborWriter().map(4).key("exclusions").array(0).endArray()
                .key("alg").text("sha256").key("hash").bytes(new byte[32]).key("pad").bytes(new byte[] {0, 7})
                .endMap().toByteArray();
        byte[] file = SignedImages.sign(SignedImages.png(), SignedImages.signer(ca), b -> {
            SignedImages.created(b);
            b.add(DataHashAssertion.LABEL + "__1", noPad);
        });
        ValidationResult r = SignedImages.validate(file, TrustAnchors.of(ca.root()));
        assertTrue(r.statuses().stream().anyMatch(s -> s.code().equals("assertion.dataHash.malformed")
                && s.url().endsWith("/c2pa.assertions/c2pa.hash.data__1")), codes(r).toString());
    }

    @Test
    void anotherKindOfHardBindingCountsTowardsTheOneAllowed() {
        byte[] boxes = new io.credmark.c2pa.cbor.CborWriter().map(1).key("boxes").array(0).endArray().endMap()
                .toByteArray();
        byte[] file = SignedImages.sign(SignedImages.png(), SignedImages.signer(ca), b -> {
            SignedImages.created(b);
            b.add("c2pa.hash.boxes", boxes);
        });
        ValidationResult r = SignedImages.validate(file, TrustAnchors.of(ca.root()));
        assertTrue(codes(r).contains("assertion.multipleHardBindings"), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] c = new byte[12 + data.length];
        java.nio.ByteBuffer.wrap(c).putInt(data.length).put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put(data);
        CRC32 crc = new CRC32();
        crc.update(c, 4, 4 + data.length);
        java.nio.ByteBuffer.wrap(c, 8 + data.length, 4).putInt((int) crc.getValue());
        return c;
    }

    /** PNG signature (8) and IHDR (12 + 13) end at byte 33. */
    static byte[] insertAfterIhdr(byte[] png, byte[] chunk) {
        byte[] out = new byte[png.length + chunk.length];
        System.arraycopy(png, 0, out, 0, 33);
        System.arraycopy(chunk, 0, out, 33, chunk.length);
        System.arraycopy(png, 33, out, 33 + chunk.length, png.length - 33);
        return out;
    }
}
