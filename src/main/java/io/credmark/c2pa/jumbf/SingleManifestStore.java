package io.credmark.c2pa.jumbf;

import java.util.List;
import java.util.Optional;

/**
 * A C2PA manifest store cut down to one of its manifests: the store's description box and that manifest's superbox,
 * copied byte for byte, so that its claim and signature stay as signed. References to other manifests of the
 * original store (ingredients' parent manifests) are left dangling.
 */
public final class SingleManifestStore {

    private SingleManifestStore() {
    }

    /**
     * @param store a manifest store (JUMBF superbox labelled {@code c2pa})
     * @return the store holding only the manifest labelled {@code label}; empty when it holds no such manifest
     * @throws io.credmark.InvalidInputException when {@code store} is not well-formed JUMBF
     */
    public static Optional<byte[]> of(byte[] store, String label) {
        SuperBox root = JumbfReader.readSuperBox(store);
        if (!JumbfUuids.MANIFEST_STORE.equals(root.description().type())) {
            return Optional.empty();
        }
        return root.superBoxes().stream()
                .filter(m -> JumbfUuids.isManifest(m.description().type()) && label.equals(m.label()))
                .findFirst()
                .map(m -> JumbfWriter.superBox(root.description(), List.of(m.bytes().toByteArray())));
    }
}
