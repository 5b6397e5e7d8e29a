package io.credmark.metadata;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.XMPSchemaRegistry;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.provenance.ProvenanceDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The XMP labels other tools read, merged into the input's own packet: IPTC's digital source type and the IPTC
 * Photo Metadata 2025.1 AI properties (AI System Used, AI System Version Used, AI Prompt Information, AI Prompt
 * Writer Name), PLUS's Data Mining, the rights web statement (the credential's page) and {@code dc:creator} (the
 * creator's display name). Only public fields are written: XMP is readable by anyone and outside the
 * selective-disclosure scheme.
 */
public final class XmpLabels {

    static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    static final String PLUS = "http://ns.useplus.org/ldf/xmp/1.0/";
    static final String XMP_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String DIGITAL_SOURCE_TYPES = "http://cv.iptc.org/newscodes/digitalsourcetype/";

    static {
        XMPSchemaRegistry registry = XMPMetaFactory.getSchemaRegistry();
        try {
            registry.registerNamespace(IPTC_EXT, "Iptc4xmpExt");
            registry.registerNamespace(PLUS, "plus");
        } catch (XMPException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param packet   the serialised packet, UTF-8
     * @param written  the properties set, e.g. {@code Iptc4xmpExt:DigitalSourceType}
     * @param notes    what of the input's XMP could not be kept, if anything
     */
    public record Labels(byte[] packet, List<String> written, List<String> notes) {
    }

    /** What the labels say. */
    public record Facts(ProvenanceDocument provenance, DisclosurePolicy policy, boolean composite,
            Optional<String> credentialUrl, TrainingMining mining) {
    }

    private XmpLabels() {
    }

    /**
     * @param existing the input's packet, if any; kept except for the properties set here
     * @param withPrompt whether to write the prompt (left out when a JPEG packet would not fit otherwise)
     */
    public static Labels build(Optional<String> existing, Facts facts, boolean withPrompt) {
        List<String> notes = new ArrayList<>();
        XMPMeta meta = XMPMetaFactory.create();
        if (existing.isPresent()) {
            try {
                meta = XMPMetaFactory.parseFromString(existing.get());
            } catch (XMPException e) {
                notes.add("the input's XMP packet could not be read (" + e.getMessage() + ") and was replaced");
            }
        }
        List<String> written = new ArrayList<>();
        try {
            set(meta, IPTC_EXT, "DigitalSourceType", DIGITAL_SOURCE_TYPES + (facts.composite()
                    ? "compositeWithTrainedAlgorithmicMedia" : "trainedAlgorithmicMedia"), "Iptc4xmpExt", written);
            ProvenanceDocument p = facts.provenance();
            set(meta, IPTC_EXT, "AISystemUsed", p.model().name(), "Iptc4xmpExt", written);
            if (isPublic(facts, "model.version")) {
                set(meta, IPTC_EXT, "AISystemVersionUsed", p.model().version(), "Iptc4xmpExt", written);
            }
            if (withPrompt && isPublic(facts, "generation.prompt")) {
                set(meta, IPTC_EXT, "AIPromptInformation", p.generation().prompt(), "Iptc4xmpExt", written);
            }
            if (isPublic(facts, "generation.promptAuthor")) {
                set(meta, IPTC_EXT, "AIPromptWriterName", p.generation().promptAuthor(), "Iptc4xmpExt", written);
            }
            Optional<String> mining = facts.mining().plusDataMining();
            if (mining.isPresent()) {
                set(meta, PLUS, "DataMining", mining.get(), "plus", written);
            }
            if (facts.credentialUrl().isPresent()) {
                set(meta, XMP_RIGHTS, "WebStatement", facts.credentialUrl().get(), "xmpRights", written);
            }
            String name = p.creator().displayName();
            if (name != null && isPublic(facts, "creator.displayName")) {
                meta.deleteProperty(DC, "creator");
                meta.appendArrayItem(DC, "creator", new PropertyOptions().setArrayOrdered(true), name, null);
                written.add("dc:creator");
            }
            byte[] packet = XMPMetaFactory.serializeToBuffer(meta, new SerializeOptions()
                    .setUseCompactFormat(true).setPadding(512));
            return new Labels(packet, written, notes);
        } catch (XMPException e) {
            throw new IllegalStateException("XMP could not be written: " + e.getMessage(), e);
        }
    }

    private static boolean isPublic(Facts facts, String path) {
        return facts.policy().levelOf(path) == DisclosureLevel.PUBLIC;
    }

    private static void set(XMPMeta meta, String ns, String name, String value, String prefix, List<String> written)
            throws XMPException {
        if (value == null || value.isBlank()) {
            return;
        }
        meta.setProperty(ns, name, value);
        written.add(prefix + ":" + name);
    }
}
