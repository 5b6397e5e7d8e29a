package io.credmark.c2pa.jumbf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SingleManifestStoreTest {

    private static final String PARENT = "urn:c2pa:11111111-2222-3333-4444-555555555555";
    private static final String ACTIVE = "urn:c2pa:66666666-7777-8888-9999-000000000000";

    private static byte[] manifest(String label, byte content) {
        byte[] assertions = JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.ASSERTION_STORE,
                "c2pa.assertions", null), List.of(JumbfWriter.contentBox("cbor", new byte[] {content})));
        return JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.STANDARD_MANIFEST, label, null),
                List.of(assertions));
    }

    private static byte[] store(byte[]... manifests) {
        return JumbfWriter.superBox(DescriptionBox.labelled(JumbfUuids.MANIFEST_STORE, "c2pa", null),
                List.of(manifests));
    }

    @Test
    void theManifestIsKeptByteForByteAndTheOthersLeftOut() {
        byte[] active = manifest(ACTIVE, (byte) 2);
        byte[] cut = SingleManifestStore.of(store(manifest(PARENT, (byte) 1), active), ACTIVE).orElseThrow();
        assertArrayEquals(store(active), cut);
        SuperBox root = JumbfReader.readSuperBox(cut);
        assertEquals("c2pa", root.label());
        assertEquals(List.of(ACTIVE), root.superBoxes().stream().map(SuperBox::label).toList());
    }

    @Test
    void aStoreOfOneManifestComesBackUnchanged() {
        byte[] whole = store(manifest(ACTIVE, (byte) 2));
        assertArrayEquals(whole, SingleManifestStore.of(whole, ACTIVE).orElseThrow());
    }

    @Test
    void aLabelTheStoreDoesNotHoldOrABoxThatIsNoStoreGivesNothing() {
        assertTrue(SingleManifestStore.of(store(manifest(PARENT, (byte) 1)), ACTIVE).isEmpty());
        assertTrue(SingleManifestStore.of(store(manifest(PARENT, (byte) 1)), "c2pa.assertions").isEmpty());
        assertTrue(SingleManifestStore.of(manifest(ACTIVE, (byte) 2), ACTIVE).isEmpty());
        assertThrows(InvalidInputException.class, () -> SingleManifestStore.of(new byte[] {1, 2, 3}, ACTIVE));
    }
}
