package io.credmark.container;

import io.credmark.InvalidInputException;
import java.util.List;
import java.util.Optional;

/**
 * A container as read: the original bytes (never copied), header facts, C2PA stores found, a remote manifest URL
 * from XMP ({@code dcterms:provenance}) if any, recorded damage, and the offset where a new store is inserted.
 */
public record ParsedImage(
        ImageFormat format,
        byte[] bytes,
        ImageHeader header,
        List<ManifestStoreCarrier> stores,
        Optional<String> remoteManifestUrl,
        List<ContainerProblem> problems,
        long insertionOffset) {

    public ParsedImage {
        stores = List.copyOf(stores);
        problems = List.copyOf(problems);
    }

    /**
     * The one manifest store of the file, if any. C2PA allows a single store per asset (spec 2.2 §11.3); a file with
     * more is refused rather than guessed at, as c2pa-rs does.
     */
    public Optional<ManifestStoreCarrier> store() {
        if (stores.size() > 1) {
            throw new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE,
                    "the file carries " + stores.size() + " C2PA manifest stores; only one is allowed");
        }
        return stores.stream().findFirst();
    }

    /** Fails on recorded damage: what is signed must be intact. */
    public void requireUndamaged() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE,
                    "damaged " + format + ": " + problems.get(0));
        }
    }
}
