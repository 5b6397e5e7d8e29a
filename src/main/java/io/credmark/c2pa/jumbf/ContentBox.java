package io.credmark.c2pa.jumbf;

/** A box that is not a superbox: {@code cbor}, {@code json}, {@code bfdb}, {@code bidb}, {@code uuid}, … */
public record ContentBox(String type, Slice bytes, Slice payload) implements Box {
}
