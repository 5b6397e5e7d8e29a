package io.credmark.testing;

import io.credmark.c2pa.jumbf.JumbfReader;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.container.AssetHandlers;
import java.util.List;

/** What a stamped file's manifest store holds, read for comparison. */
public final class StoreContents {

    private StoreContents() {
    }

    /** The content of assertion {@code label} of the file's active manifest. */
    public static byte[] activeAssertion(byte[] file, String label) {
        SuperBox store = JumbfReader.readSuperBox(AssetHandlers.read(file).store().orElseThrow().jumbf());
        List<SuperBox> manifests = store.superBoxes();
        return manifests.get(manifests.size() - 1).child("c2pa.assertions").flatMap(a -> a.child(label))
                .flatMap(SuperBox::firstContent).orElseThrow(() -> new AssertionError("no assertion " + label))
                .payload().toByteArray();
    }
}
