package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.InvalidInputException;
import io.credmark.c2pa.assertion.TrainingMiningAssertion;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.provenance.Usage;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The creator's wishes about training and data mining, in the four uses of the CAWG assertion, derived from the
 * public usage terms and overridden by the stamp option {@code trainingMining}. They go into the manifest
 * ({@code cawg.training-mining}) and, summarised, into XMP as {@code plus:DataMining}.
 */
public record TrainingMining(Map<Entry, Use> entries) {

    public static final TrainingMining NONE = new TrainingMining(Map.of());
    private static final String PLUS_VOCAB = "http://ns.useplus.org/ldf/vocab/";

    /** The uses CAWG names. */
    public enum Entry {
        AI_GENERATIVE_TRAINING("cawg.ai_generative_training", "ai_generative_training"),
        AI_TRAINING("cawg.ai_training", "ai_training"),
        AI_INFERENCE("cawg.ai_inference", "ai_inference"),
        DATA_MINING("cawg.data_mining", "data_mining");

        private final String label;
        private final String option;

        Entry(String label, String option) {
            this.label = label;
            this.option = option;
        }

        public String label() {
            return label;
        }

        static Optional<Entry> ofOption(String name) {
            return Arrays.stream(values()).filter(e -> e.option.equals(name) || e.label.equals(name)).findFirst();
        }
    }

    /** Whether a use is allowed. */
    public enum Use {
        ALLOWED("allowed"), NOT_ALLOWED("notAllowed"), CONSTRAINED("constrained");

        private final String wireName;

        Use(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Optional<Use> parse(String text) {
            return Arrays.stream(values()).filter(u -> u.wireName.equals(text)).findFirst();
        }
    }

    // phrases of free-text usage terms that speak of each use
    private static final Pattern GENERATIVE = Pattern.compile("generative|gen(erative)?[- ]?ai");
    private static final Pattern TRAINING = Pattern.compile("train|fine[- ]?tun|machine learning|\\bml\\b");
    private static final Pattern INFERENCE = Pattern.compile("inference|img2img|image[- ]to[- ]image|as (an )?input");
    private static final Pattern MINING = Pattern.compile("data[- ]mining|\\btdm\\b|scrap|crawl");

    public TrainingMining {
        entries = Map.copyOf(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The uses the public usage terms speak of: named only among {@code usage.prohibited}, not allowed; only among
     * {@code usage.permitted}, allowed; in both, constrained. Terms that are not public say nothing here, since
     * the manifest and XMP are readable by anyone.
     */
    public static TrainingMining fromUsage(Usage usage, DisclosurePolicy policy) {
        List<String> permitted = policy.levelOf("usage.permitted") == DisclosureLevel.PUBLIC ? usage.permitted()
                : List.of();
        List<String> prohibited = policy.levelOf("usage.prohibited") == DisclosureLevel.PUBLIC ? usage.prohibited()
                : List.of();
        Map<Entry, Use> entries = new EnumMap<>(Entry.class);
        for (Entry e : Entry.values()) {
            boolean allowed = permitted.stream().anyMatch(t -> speaksOf(e, t));
            boolean forbidden = prohibited.stream().anyMatch(t -> speaksOf(e, t));
            if (allowed || forbidden) {
                entries.put(e, allowed && forbidden ? Use.CONSTRAINED : forbidden ? Use.NOT_ALLOWED : Use.ALLOWED);
            }
        }
        return new TrainingMining(entries);
    }

    private static boolean speaksOf(Entry e, String term) {
        String t = term.toLowerCase(Locale.ROOT);
        return switch (e) {
            case AI_GENERATIVE_TRAINING -> TRAINING.matcher(t).find() && !INFERENCE.matcher(t).find();
            case AI_TRAINING -> TRAINING.matcher(t).find() && !GENERATIVE.matcher(t).find()
                    && !INFERENCE.matcher(t).find();
            case AI_INFERENCE -> INFERENCE.matcher(t).find();
            case DATA_MINING -> MINING.matcher(t).find();
        };
    }

    /** These terms with the option's entries set over them. */
    public TrainingMining with(TrainingMining explicit) {
        Map<Entry, Use> merged = new EnumMap<>(Entry.class);
        merged.putAll(entries);
        merged.putAll(explicit.entries);
        return new TrainingMining(merged);
    }

    /**
     * The stamp option: {@code {"ai_training": "notAllowed", "data_mining": "allowed", …}} (the CAWG entry names,
     * with or without {@code cawg.}).
     */
    static TrainingMining parse(JsonNode json) {
        if (!json.isObject()) {
            throw invalid("options.trainingMining", "expected an object of use to \"allowed\", \"notAllowed\" or"
                    + " \"constrained\"");
        }
        Map<Entry, Use> entries = new EnumMap<>(Entry.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Entry entry = Entry.ofOption(f.getKey()).orElseThrow(() -> invalid("options.trainingMining." + f.getKey(),
                    "unknown use (expected one of: ai_generative_training, ai_training, ai_inference, data_mining)"));
            Use use = (f.getValue().isTextual() ? Use.parse(f.getValue().textValue()) : Optional.<Use>empty())
                    .orElseThrow(() -> invalid("options.trainingMining." + f.getKey(),
                            "expected \"allowed\", \"notAllowed\" or \"constrained\""));
            entries.put(entry, use);
        }
        return new TrainingMining(entries);
    }

    /** The assertion's entries, in CAWG's order. */
    public Map<String, TrainingMiningAssertion.Use> assertionEntries() {
        Map<String, TrainingMiningAssertion.Use> out = new LinkedHashMap<>();
        for (Entry e : Entry.values()) {
            Use use = entries.get(e);
            if (use != null) {
                out.put(e.label(), new TrainingMiningAssertion.Use(use.wireName(), use == Use.CONSTRAINED
                        ? "see the usage terms in the credmark provenance assertion" : null));
            }
        }
        return out;
    }

    /**
     * The PLUS Data Mining value (PLUS LDF 1.2.x, {@code plus:DataMining}) that says the most the entries say,
     * if any fits.
     */
    public Optional<String> plusDataMining() {
        Use generative = entries.get(Entry.AI_GENERATIVE_TRAINING);
        Use training = entries.get(Entry.AI_TRAINING);
        Use mining = entries.get(Entry.DATA_MINING);
        String code;
        if (mining == Use.NOT_ALLOWED && training == Use.NOT_ALLOWED) {
            code = "DMI-PROHIBITED";
        } else if (training == Use.NOT_ALLOWED) {
            code = "DMI-PROHIBITED-AIMLTRAINING";
        } else if (generative == Use.NOT_ALLOWED) {
            code = "DMI-PROHIBITED-GENAIMLTRAINING";
        } else if (entries.values().stream().anyMatch(u -> u == Use.CONSTRAINED)) {
            code = "DMI-PROHIBITED-SEECONSTRAINT";
        } else if (!entries.isEmpty() && entries.values().stream().allMatch(u -> u == Use.ALLOWED)) {
            code = "DMI-ALLOWED";
        } else {
            return Optional.empty();
        }
        return Optional.of(PLUS_VOCAB + code);
    }

    private static InvalidInputException invalid(String path, String message) {
        return InvalidInputException.invalidDocument(path, message);
    }
}
