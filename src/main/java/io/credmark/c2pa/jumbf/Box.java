package io.credmark.c2pa.jumbf;

/** A JUMBF box as read from a buffer. Boxes keep their position so that hashes are taken over stored bytes. */
public sealed interface Box permits SuperBox, ContentBox {

    /** The four-character box type, e.g. {@code jumb}, {@code cbor}. */
    String type();

    /** The bytes of the whole box, header included. */
    Slice bytes();
}
