package io.credmark.c2pa.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.c2pa.CborException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CborTest {

    @Test
    void longTextIsOneDefiniteLengthString() {
        String text = "x".repeat(10_000);
        byte[] cbor = new CborWriter().text(text).toByteArray();
        assertEquals(0x79, cbor[0] & 0xFF, "major type 3 with a two-byte length, not an indefinite string");
        assertEquals(10_003, cbor.length);
        assertEquals(text, CborReader.read(cbor).textValue());
    }

    @Test
    void jsonTreesBecomeDefiniteMapsAndArraysWithShortestIntegers() throws Exception {
        JsonNode json = new ObjectMapper().readTree("{\"a\":[1,2,{\"b\":true}],\"c\":-24,\"d\":1.5}");
        byte[] cbor = new CborWriter().json(json).toByteArray();
        assertEquals(0xA3, cbor[0] & 0xFF);
        assertEquals(0x83, cbor[3] & 0xFF);
        for (byte b : cbor) {
            assertTrue((b & 0xFF) != 0xBF && (b & 0xFF) != 0x9F && (b & 0xFF) != 0xFF, "no indefinite lengths");
        }
        assertEquals(json, CborReader.read(cbor));
    }

    @Test
    void integerKeysReadAsTheirDecimalText() {
        byte[] cbor = new CborWriter().map(1).key(33).text("x").endMap().toByteArray();
        assertEquals("x", CborReader.read(cbor).get("33").textValue());
    }

    @Test
    void deepNestingIsRejected() {
        byte[] deep = new byte[10_001];
        Arrays.fill(deep, (byte) 0x81);
        deep[10_000] = 0;
        CborException e = assertThrows(CborException.class, () -> CborReader.read(deep));
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }

    @Test
    void aLengthBeyondTheInputIsRejectedWithoutAllocatingIt() {
        byte[] claimsFourGigabytes = {0x5A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 1, 2, 3};
        assertThrows(CborException.class, () -> CborReader.read(claimsFourGigabytes));
    }

    @Test
    void trailingBytesAndEmptyInputAreNotOneItem() {
        assertThrows(CborException.class, () -> CborReader.read(new byte[] {1, 2}));
        assertThrows(CborException.class, () -> CborReader.read(new byte[0]));
    }
}
