package io.credmark.metadata;

import io.credmark.container.AssetHandlers;
import io.credmark.container.ImageFormat;
import io.credmark.container.ParsedImage;
import io.credmark.container.XmpCarrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the XMP labels into the file to be signed, merged with the input's packet, before the hard binding is
 * computed. A JPEG packet must fit one APP1 segment: if it does not, the prompt is left out of it, and if it still
 * does not, no packet is written and the answer says why.
 */
public final class XmpStamp {

    /**
     * @param image   the file to sign
     * @param written the properties written (empty when none were)
     * @param notes   what could not be done, with the reason
     */
    public record Outcome(ParsedImage image, List<String> written, List<String> notes) {

        public Outcome {
            written = List.copyOf(written);
            notes = List.copyOf(notes);
        }
    }

    private XmpStamp() {
    }

    public static Outcome apply(ParsedImage image, XmpLabels.Facts facts) {
        Optional<String> existing = XmpCarrier.existing(image);
        List<String> notes = new ArrayList<>();
        XmpLabels.Labels labels = XmpLabels.build(existing, facts, true);
        if (image.format() == ImageFormat.JPEG && labels.packet().length > XmpCarrier.MAX_JPEG_PACKET_BYTES) {
            labels = XmpLabels.build(existing, facts, false);
            notes.add("the prompt was left out of XMP: the packet would not fit in one JPEG APP1 segment");
        }
        if (image.format() == ImageFormat.JPEG && labels.packet().length > XmpCarrier.MAX_JPEG_PACKET_BYTES) {
            notes.add("no XMP was written: the input's packet with the labels does not fit in one JPEG APP1 segment"
                    + " (" + labels.packet().length + " bytes, at most " + XmpCarrier.MAX_JPEG_PACKET_BYTES + ")");
            return new Outcome(image, List.of(), notes);
        }
        notes.addAll(labels.notes());
        byte[] written = XmpCarrier.replace(image, labels.packet());
        return new Outcome(AssetHandlers.read(written), labels.written(), notes);
    }
}
