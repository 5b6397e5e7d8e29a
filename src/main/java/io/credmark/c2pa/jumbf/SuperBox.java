package io.credmark.c2pa.jumbf;

import java.util.List;
import java.util.Optional;

/**
 * A JUMBF superbox ({@code jumb}): a description box followed by content boxes or further superboxes.
 *
 * @param payload the superbox without its own 8-byte header: what a C2PA hashed URI hashes (spec 2.2 §8.3.2)
 */
public record SuperBox(DescriptionBox description, List<Box> children, Slice bytes, Slice payload) implements Box {

    public SuperBox {
        children = List.copyOf(children);
    }

    @Override
    public String type() {
        return "jumb";
    }

    public String label() {
        return description.label();
    }

    /** Child superboxes with the given label, in order. */
    public List<SuperBox> childrenLabelled(String label) {
        return superBoxes().stream().filter(b -> label.equals(b.label())).toList();
    }

    public Optional<SuperBox> child(String label) {
        return superBoxes().stream().filter(b -> label.equals(b.label())).findFirst();
    }

    public List<SuperBox> superBoxes() {
        return children.stream().filter(SuperBox.class::isInstance).map(SuperBox.class::cast).toList();
    }

    public List<ContentBox> contentBoxes() {
        return children.stream().filter(ContentBox.class::isInstance).map(ContentBox.class::cast).toList();
    }

    /** The first content box, which for C2PA claims, signatures and assertions is the data. */
    public Optional<ContentBox> firstContent() {
        return contentBoxes().stream().findFirst();
    }
}
