package io.credmark.container.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import io.credmark.c2pa.jumbf.DescriptionBox;
import io.credmark.c2pa.jumbf.JumbfUuids;
import io.credmark.c2pa.jumbf.JumbfWriter;
import io.credmark.container.ParsedImage;
import io.credmark.testing.PaddedImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guide §4.4 (spec 2.2 §A.4): the manifest store in one {@code caBX} chunk, right after IHDR. */
class PngHandlerTest {

    private static final PngHandler HANDLER = new PngHandler();
    static byte[] png;
    static byte[] store;

    @BeforeAll
    static void image() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        png = out.toByteArray();
        store = JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.MANIFEST_STORE, "c2pa", null),
                List.of(JumbfWriter.contentBox("json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theCarrierIsLengthCaBxStoreAndCrcOfTypeAndStore() {
        byte[] chunk = HANDLER.wrapStore(store);
        assertEquals(store.length + 12, chunk.length);
        assertEquals(chunk.length, HANDLER.carrierLength(store.length));
        assertEquals(store.length, ByteBuffer.wrap(chunk).getInt(0));
        assertEquals("caBX", new String(chunk, 4, 4, StandardCharsets.US_ASCII));
        assertArrayEquals(store, Arrays.copyOfRange(chunk, 8, 8 + store.length));
        CRC32 crc = new CRC32();
        crc.update(chunk, 4, 4 + store.length);
        assertEquals(crc.getValue(), ByteBuffer.wrap(chunk).getInt(8 + store.length) & 0xFFFF_FFFFL);
    }

    @Test
    void theStoreIsInsertedAfterIhdrAndReadBackWithItsExactRange() {
        ParsedImage image = HANDLER.read(png);
        assertEquals(33, image.insertionOffset());
        assertFalse(image.store().isPresent());
        ParsedImage signed = HANDLER.read(insert(png, HANDLER.wrapStore(store), 33));
        assertEquals(33, signed.store().orElseThrow().start());
        assertEquals(store.length + 12, signed.store().orElseThrow().length());
        assertArrayEquals(store, signed.store().orElseThrow().jumbf());
        assertTrue(signed.problems().isEmpty(), signed.problems().toString());
    }

    @Test
    void twoCaBxChunksAreRefusedAsOnlyOneStoreIsAllowed() {
        byte[] chunk = HANDLER.wrapStore(store);
        byte[] two = insert(insert(png, chunk, 33), chunk, 33);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HANDLER.read(two).store());
        assertEquals(InvalidInputException.Kind.MALFORMED_IMAGE, e.kind());
    }

    @Test
    void aCaBxWithABadCrcIsRecordedAsAProblem() {
        byte[] chunk = HANDLER.wrapStore(store);
        chunk[chunk.length - 1] ^= 1;
        ParsedImage image = HANDLER.read(insert(png, chunk, 33));
        assertEquals(1, image.problems().size(), image.problems().toString());
        assertEquals(33, image.problems().get(0).offset());
    }

    @Test
    void manyEmptyAncillaryChunksAreRefusedNamingTheLimit() {
        assertEquals(16, HANDLER.read(PaddedImages.pngWithEmptyChunks("prVt", PngChunkReader.MAX_OTHER_CHUNKS - 8))
                .header().width());
        byte[] padded = PaddedImages.pngWithEmptyChunks("prVt", 1_000_000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HANDLER.read(padded));
        assertEquals(InvalidInputException.Kind.MALFORMED_IMAGE, e.kind());
        assertTrue(e.getMessage().contains("more than 65536 chunks other than IDAT"), e.getMessage());
        assertTrue(e.getMessage().contains("limit: PNG non-IDAT chunks per file"), e.getMessage());
    }

    @Test
    void imageDataMaySpanManyIdatChunksUpToTheChunkLimit() {
        // encoders split image data into many IDAT chunks; empty ones are legal (PNG spec §11.2.4)
        assertEquals(16, HANDLER.read(PaddedImages.pngWithEmptyChunks("IDAT", 200_000)).header().width());
        byte[] padded = PaddedImages.pngWithEmptyChunks("IDAT", PngChunkReader.MAX_CHUNKS + 10);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HANDLER.read(padded));
        assertTrue(e.getMessage().contains("more than " + PngChunkReader.MAX_CHUNKS + " chunks"), e.getMessage());
        assertTrue(e.getMessage().contains("limit: PNG chunks per file"), e.getMessage());
    }

    private static byte[] insert(byte[] file, byte[] chunk, int at) {
        byte[] out = new byte[file.length + chunk.length];
        System.arraycopy(file, 0, out, 0, at);
        System.arraycopy(chunk, 0, out, at, chunk.length);
        System.arraycopy(file, at, out, at + chunk.length, file.length - at);
        return out;
    }
}
