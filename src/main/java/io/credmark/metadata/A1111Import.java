package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.provenance.A1111Parameters;
import io.credmark.provenance.Creator;
import io.credmark.provenance.Model;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTOMATIC1111, Forge and SD.Next infotext ({@code parameters}; EXIF UserComment in JPEG), read by
 * {@link A1111Parameters}, plus what the infotext says about LoRAs: {@code <lora:NAME:WEIGHT>} in the prompt
 * (A1111's extra-networks syntax) and Civitai's {@code Civitai resources} list ({@link CivitaiResources}).
 */
final class A1111Import {

    static final String GENERATOR = "AUTOMATIC1111";
    /** {@code <lora:name:weight>} and {@code <lyco:name:weight>} (extra_networks.py's re_extra_net). */
    private static final Pattern EXTRA_NETWORK = Pattern.compile("<(lora|lyco):([^:>]{1,200}):([-0-9.]{1,12})[^>]{0,200}>");

    private A1111Import() {
    }

    /** Whether the text reads as infotext: not JSON, and with a settings line A1111 would accept. */
    static boolean looksLikeInfotext(String text) {
        if (text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[")) {
            return false;
        }
        try {
            A1111Parameters p = A1111Parameters.parse(text);
            return p.generation().steps() != null || p.generation().seed() != null || p.modelName() != null;
        } catch (ProvenanceException e) {
            return false;
        }
    }

    static Found read(GeneratorText text) {
        Found found = new Found(GENERATOR, text.source());
        A1111Parameters p = A1111Parameters.parse(text.text());
        Model model = p.model().orElse(Model.of("-"));
        Map<String, JsonNode> fields = new ProvenanceDocument(Creator.of("-"), model, p.generation(), null, null)
                .fields();
        fields.forEach((path, value) -> {
            if (path.equals("generation.extra")) {
                value.fields().forEachRemaining(e -> found.extra.set(e.getKey(), e.getValue()));
            } else if (path.startsWith("generation.") || (p.modelName() != null && path.startsWith("model."))) {
                found.put(path, value);
            }
        });
        p.warnings().forEach(w -> found.drop(w.substring(0, Math.max(0, w.indexOf(':'))), w));
        if (p.generation().prompt() != null) {
            Matcher m = EXTRA_NETWORK.matcher(p.generation().prompt());
            while (m.find()) {
                found.adapter(m.group(1).equals("lora") ? "lora" : "lycoris", m.group(2).strip(),
                        numberOrNull(m.group(3)), null);
            }
        }
        JsonNode resources = found.extra.get("Civitai resources");
        if (resources != null) {
            CivitaiResources.read(resources, found);
        }
        return found.done();
    }

    private static JsonNode numberOrNull(String text) {
        try {
            return Found.F.numberNode(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
