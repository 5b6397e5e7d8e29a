package io.credmark.container;

/**
 * Reads one container format and knows how to carry a C2PA manifest store in it. One implementation per format
 * (as c2pa-rs has one asset handler per format); none of them decodes pixels.
 */
public interface AssetHandler {

    ImageFormat format();

    /**
     * Walks the container: header facts, any C2PA stores, a remote-manifest reference, and where a new store goes.
     *
     * @throws io.credmark.InvalidInputException when the bytes cannot be read as this format at all
     */
    ParsedImage read(byte[] file);

    /** The bytes that carry {@code store} in this format (APP11 segments, a {@code caBX} chunk). */
    byte[] wrapStore(byte[] store);

    /** How many bytes {@link #wrapStore} produces for a store of the given length. */
    long carrierLength(long storeLength);
}
