package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.InvalidInputException;
import io.credmark.issuance.StampOptions;
import io.credmark.issuance.WatermarkMode;
import io.credmark.metadata.MetadataOptions;
import io.credmark.pixels.marker.MarkerOptions;
import java.util.Iterator;
import java.util.Set;

/**
 * {@link StampOptions} as JSON (the HTTP {@code options} part, the CLI's {@code --options}): {@code {"marker":
 * {"enabled": true, "position": "bottom-right", "size": 0.04, "margin": 12, "style": "auto", "label": "creator"},
 * "watermark": true}}. {@code watermark} is {@code true} (required: a stamp that cannot carry it fails), {@code
 * false}, or {@code "auto"} (wherever the image can carry it); left out, it is what the caller's default is. The
 * metadata options ({@link MetadataOptions}) sit in the same document.
 */
public final class StampOptionsJson {

    private StampOptionsJson() {
    }

    /** Reads options whose {@code watermark}, when left out, is off. */
    public static StampOptions parse(JsonNode json) {
        return parse(json, WatermarkMode.OFF);
    }

    /**
     * @param watermarkDefault the watermark mode when the document does not name one
     * @throws InvalidInputException naming the JSON path of what is wrong
     */
    public static StampOptions parse(JsonNode json, WatermarkMode watermarkDefault) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return new StampOptions(MarkerOptions.disabled(), watermarkDefault);
        }
        if (!json.isObject()) {
            throw invalid("options", "expected a JSON object");
        }
        Set<String> names = new java.util.HashSet<>(Set.of("marker", "watermark", "disclosure"));
        names.addAll(MetadataOptions.NAMES);
        unknown(json, "options", names);
        WatermarkMode watermark = watermarkDefault;
        JsonNode wm = json.get("watermark");
        if (wm != null && !wm.isNull()) {
            if (wm.isBoolean()) {
                watermark = wm.booleanValue() ? WatermarkMode.REQUIRED : WatermarkMode.OFF;
            } else if (wm.isTextual() && wm.textValue().equals("auto")) {
                watermark = WatermarkMode.AUTO;
            } else {
                throw invalid("options.watermark", "expected true, false or \"auto\"");
            }
        }
        MarkerOptions marker = MarkerOptions.disabled();
        JsonNode m = json.get("marker");
        if (m != null && !m.isNull()) {
            if (m.isBoolean()) {
                marker = m.booleanValue() ? MarkerOptions.defaults() : MarkerOptions.disabled();
            } else if (m.isObject()) {
                marker = marker(m);
            } else {
                throw invalid("options.marker", "expected true, false or an object");
            }
        }
        return new StampOptions(marker, watermark, MetadataOptions.parse(json));
    }

    private static MarkerOptions marker(JsonNode m) {
        unknown(m, "options.marker", Set.of("enabled", "position", "size", "margin", "style", "label"));
        MarkerOptions o = MarkerOptions.defaults();
        try {
            if (m.has("enabled")) {
                o = o.withEnabled(bool(m.get("enabled"), "options.marker.enabled"));
            }
            if (m.has("position")) {
                o = o.withPosition(MarkerOptions.Position.parse(text(m.get("position"), "options.marker.position")));
            }
            if (m.has("style")) {
                o = o.withStyle(MarkerOptions.Style.parse(text(m.get("style"), "options.marker.style")));
            }
            if (m.has("label")) {
                o = o.withLabel(MarkerOptions.Label.parse(text(m.get("label"), "options.marker.label")));
            }
            if (m.has("size")) {
                if (!m.get("size").isNumber()) {
                    throw invalid("options.marker.size", "expected a number (a fraction of the shorter side)");
                }
                o = o.withSize(m.get("size").doubleValue());
            }
            if (m.has("margin")) {
                if (!m.get("margin").canConvertToInt()) {
                    throw invalid("options.marker.margin", "expected a whole number of pixels");
                }
                o = o.withMargin(m.get("margin").intValue());
            }
        } catch (IllegalArgumentException e) {
            throw invalid("options.marker", e.getMessage());
        }
        return o;
    }

    private static boolean bool(JsonNode n, String path) {
        if (!n.isBoolean()) {
            throw invalid(path, "expected true or false");
        }
        return n.booleanValue();
    }

    private static String text(JsonNode n, String path) {
        if (!n.isTextual()) {
            throw invalid(path, "expected a string");
        }
        return n.textValue();
    }

    private static void unknown(JsonNode n, String path, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw invalid(path + "." + f, "unknown option (expected one of: " + String.join(", ",
                        new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static InvalidInputException invalid(String path, String message) {
        return InvalidInputException.invalidDocument(path, message);
    }
}
