package io.credmark.c2pa.jumbf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credmark.InvalidInputException;

/**
 * Any bytes either read as one JUMBF superbox tree, every box of which can be walked, or fail with
 * {@link InvalidInputException}; nothing else escapes (docs/fuzzing.md).
 */
class JumbfReaderFuzzTest {

    @FuzzTest
    void readSuperBox(byte[] data) {
        SuperBox root;
        try {
            root = JumbfReader.readSuperBox(data);
        } catch (InvalidInputException expected) {
            return;
        }
        walk(root);
    }

    private static void walk(SuperBox box) {
        box.description().type();
        String label = box.label();
        if (label != null) {
            box.child(label);
        }
        box.firstContent().ifPresent(c -> c.payload().toByteArray());
        box.superBoxes().forEach(JumbfReaderFuzzTest::walk);
    }
}
