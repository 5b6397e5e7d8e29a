package io.credmark.container.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.jumbf.DescriptionBox;
import io.credmark.c2pa.jumbf.JumbfUuids;
import io.credmark.c2pa.jumbf.JumbfWriter;
import io.credmark.InvalidInputException;
import io.credmark.container.ParsedImage;
import io.credmark.testing.PaddedImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Guide §4.3 (spec 2.2 §A.3.1): how a manifest store travels in APP11 segments. */
class JpegHandlerTest {

    private final JpegHandler handler = new JpegHandler();

    @Test
    void aStoreIsCutIntoApp11SegmentsOf64000BytesAndContinuationsRepeatItsBoxHeader() {
        byte[] store = store(100_000);
        assertTrue(store.length > 64000 && store.length <= 128000);
        byte[] carrier = handler.wrapStore(store);
        ByteBuffer b = ByteBuffer.wrap(carrier);
        // first segment: FF EB, Lp = 64010, "JP", En 0x0211, Z = 1, then 64000 store bytes
        assertEquals(0xFFEB, b.getShort(0) & 0xFFFF);
        assertEquals(64010, b.getShort(2) & 0xFFFF);
        assertEquals(0x4A50, b.getShort(4) & 0xFFFF);
        assertEquals(0x0211, b.getShort(6) & 0xFFFF);
        assertEquals(1, b.getInt(8));
        assertArrayEquals(Arrays.copyOfRange(store, 0, 64000), Arrays.copyOfRange(carrier, 12, 12 + 64000));
        // second segment: Lp = 10 + 8 + rest, Z = 2, the store's first 8 bytes (LBox, TBox) again, then the rest
        int second = 2 + 64010;
        assertEquals(0xFFEB, b.getShort(second) & 0xFFFF);
        assertEquals(10 + 8 + store.length - 64000, b.getShort(second + 2) & 0xFFFF);
        assertEquals(0x0211, b.getShort(second + 6) & 0xFFFF);
        assertEquals(2, b.getInt(second + 8));
        assertArrayEquals(Arrays.copyOfRange(store, 0, 8), Arrays.copyOfRange(carrier, second + 12, second + 20));
        assertArrayEquals(Arrays.copyOfRange(store, 64000, store.length),
                Arrays.copyOfRange(carrier, second + 20, carrier.length));
        // L + 12n + 8(n - 1)
        assertEquals(store.length + 12 * 2 + 8, carrier.length);
        assertEquals(carrier.length, handler.carrierLength(store.length));
    }

    @Test
    void theStoreGoesAfterTheLastApp0AndReadsBackWhole() throws Exception {
        byte[] jpeg = jpeg();
        ParsedImage image = handler.read(jpeg);
        byte[] store = store(70_000);
        byte[] carrier = handler.wrapStore(store);
        int at = (int) image.insertionOffset();
        assertEquals(0xE0, jpeg[at - 18 + 1] & 0xFF, "the JFIF APP0 (18 bytes) ends where the store goes");
        byte[] out = new byte[jpeg.length + carrier.length];
        System.arraycopy(jpeg, 0, out, 0, at);
        System.arraycopy(carrier, 0, out, at, carrier.length);
        System.arraycopy(jpeg, at, out, at + carrier.length, jpeg.length - at);
        ParsedImage reread = handler.read(out);
        assertEquals(1, reread.stores().size());
        assertArrayEquals(store, reread.stores().get(0).jumbf());
        assertEquals(at, reread.stores().get(0).start());
        assertEquals(carrier.length, reread.stores().get(0).length());
        assertTrue(reread.problems().isEmpty(), reread.problems().toString());
    }

    @Test
    void anApp11JpegXtBoxThatIsNotAC2paStoreIsLeftAlone() throws Exception {
        byte[] other = JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.CLAIM, "x", null),
                List.of(JumbfWriter.contentBox("json", "{}".getBytes())));
        byte[] jpeg = jpeg();
        byte[] carrier = handler.wrapStore(other);
        byte[] out = new byte[jpeg.length + carrier.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(carrier, 0, out, 2, carrier.length);
        System.arraycopy(jpeg, 2, out, 2 + carrier.length, jpeg.length - 2);
        assertFalse(handler.read(out).store().isPresent());
    }

    /** A manifest store box ({@code jumb}, its {@code jumd} typed {@code c2pa}) with {@code size} bytes of content. */
    static byte[] store(int size) {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (i * 31);
        }
        return JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.MANIFEST_STORE, "c2pa", null),
                List.of(JumbfWriter.contentBox("json", content)));
    }

    @Test
    void aFileOfManyEmptySegmentsIsRefusedNamingTheLimitAfterWalkingNoMore() {
        byte[] atLimit = PaddedImages.jpegWithComments(JpegSegmentReader.MAX_SEGMENTS - 16);
        assertEquals(16, handler.read(atLimit).header().width());
        byte[] padded = PaddedImages.jpegWithComments(3_000_000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> handler.read(padded));
        assertEquals(InvalidInputException.Kind.MALFORMED_IMAGE, e.kind());
        assertTrue(e.getMessage().contains("more than 65536 marker segments"), e.getMessage());
        assertTrue(e.getMessage().contains("limit: JPEG segments per file"), e.getMessage());
        // the refusal comes where the limit is passed, not after a walk of the whole file
        assertTrue(e.getMessage().contains("at byte " + (2 + 4 * JpegSegmentReader.MAX_SEGMENTS)), e.getMessage());
    }

    private static byte[] jpeg() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        return out.toByteArray();
    }
}
