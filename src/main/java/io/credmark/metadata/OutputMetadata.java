package io.credmark.metadata;

import io.credmark.container.ParsedImage;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.provenance.ProvenanceDocument;
import java.util.List;
import java.util.Optional;

/**
 * The metadata edits a stamp makes to the file it signs, in order: the input's generator text removed where it
 * would spell out fields that are not public, then the XMP labels written. Both happen before the hard binding is
 * computed; neither touches a pixel.
 */
public final class OutputMetadata {

    /**
     * @param image  the file to sign
     * @param mining the training and data mining terms, for the manifest
     * @param text   what became of the input's generator text
     * @param xmp    what was written into XMP
     */
    public record Written(ParsedImage image, TrainingMining mining, InputTextGuard.Outcome text, XmpStamp.Outcome xmp) {

        /** The stamp answer's account of the input's metadata and of what was written. */
        public MetadataReport report(GeneratorMetadata found, ProvenanceImport.Result imported,
                MetadataReport.Thumbnail thumbnail) {
            return new MetadataReport(found.generators(), imported.imported(), imported.dropped(), text.removed(),
                    text.reason(), xmp.written(), xmp.notes(), mining, thumbnail);
        }
    }

    private OutputMetadata() {
    }

    /**
     * @param composite     whether the input had its own credential (image to image)
     * @param credentialUrl the credential's page, when it is recorded
     */
    public static Written apply(ParsedImage image, MetadataOptions options, ProvenanceDocument provenance,
            DisclosurePolicy policy, boolean composite, Optional<String> credentialUrl) {
        InputTextGuard.Outcome text = InputTextGuard.apply(image, options.inputMetadata(), policy);
        TrainingMining mining = TrainingMining.fromUsage(provenance.usage(), policy).with(options.trainingMining());
        XmpStamp.Outcome xmp = options.xmp()
                ? XmpStamp.apply(text.image(), new XmpLabels.Facts(provenance, policy, composite, credentialUrl,
                        mining))
                : new XmpStamp.Outcome(text.image(), List.of(), List.of());
        return new Written(xmp.image(), mining, text, xmp);
    }
}
