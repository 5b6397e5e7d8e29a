package io.credmark.c2pa.jumbf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import io.credmark.bytes.BigEndian;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JumbfReaderTest {

    private static final byte[] SALT = new byte[16];

    static byte[] store() {
        byte[] assertion = JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.CBOR, "c2pa.actions.v2", SALT),
                List.of(JumbfWriter.contentBox("cbor", new byte[] {(byte) 0xA0})));
        byte[] assertions = JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.ASSERTION_STORE,
                "c2pa.assertions", null), List.of(assertion));
        byte[] manifest = JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.STANDARD_MANIFEST,
                "urn:c2pa:11111111-2222-3333-4444-555555555555", null), List.of(assertions));
        return JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.MANIFEST_STORE, "c2pa", null), List.of(manifest));
    }

    @Test
    void writtenBoxesReadBackWithLabelsTypesAndSalt() {
        SuperBox store = JumbfReader.readSuperBox(store());
        assertEquals("c2pa", store.label());
        assertEquals(JumbfUuids.MANIFEST_STORE, store.description().type());
        SuperBox manifest = store.superBoxes().get(0);
        SuperBox assertion = manifest.child("c2pa.assertions").orElseThrow().child("c2pa.actions.v2").orElseThrow();
        assertArrayEquals(SALT, assertion.description().salt());
        assertEquals(0x13, assertion.description().toggles());
        assertNull(manifest.description().salt());
        assertEquals("cbor", assertion.firstContent().orElseThrow().type());
        // the payload a hashed URI hashes is the box without its 8-byte header
        assertEquals(assertion.bytes().length() - 8, assertion.payload().length());
    }

    @Test
    void theStoreDescriptionBoxHasTheDocumentedThirtyBytes() {
        byte[] store = store();
        // guide §1.1: 00 00 00 1E 'jumd' <c2pa uuid> 03 'c2pa' 00
        assertEquals(30, BigEndian.u32(store, 8));
        assertEquals("jumd", new String(store, 12, 4, StandardCharsets.US_ASCII));
        assertEquals(3, store[32]);
    }

    @Test
    void aBoxLongerThanItsParentIsRejected() {
        byte[] store = store();
        BigEndian.putU32(store, 0, 0xFFFF_FFF0L);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JumbfReader.readSuperBox(store));
        assertTrue(e.getMessage().contains("4294967280"), e.getMessage());
    }

    @Test
    void aBoxShorterThanItsHeaderIsRejected() {
        byte[] store = store();
        BigEndian.putU32(store, 8, 3);
        assertThrows(InvalidInputException.class, () -> JumbfReader.readSuperBox(store));
    }

    @Test
    void anUnterminatedLabelIsRejected() {
        byte[] box = JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.CBOR, "x", null), List.of());
        box[box.length - 1] = 'y'; // overwrite the label's NUL
        assertThrows(InvalidInputException.class, () -> JumbfReader.readSuperBox(box));
    }

    @Test
    void nestingIsBounded() {
        byte[] box = JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.CBOR, "leaf", null), List.of());
        for (int i = 0; i < 40; i++) {
            box = JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.CBOR, "n" + i, null), List.of(box));
        }
        byte[] deep = box;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JumbfReader.readSuperBox(deep));
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }
}
