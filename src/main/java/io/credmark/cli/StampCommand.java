package io.credmark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.disclosure.Disclosure;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.disclosure.EvidenceBundle;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.service.Credmark;
import io.credmark.service.Limits;
import io.credmark.service.Settings;
import io.credmark.service.StampRequest;
import io.credmark.service.StampOptions;
import io.credmark.service.StampResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code stamp --in IN --out OUT --provenance PROV.json}: embeds a signed manifest; prints a JSON summary. */
final class StampCommand {

    private static final long MAX_PROVENANCE_BYTES = 1 << 20;
    private final Map<String, String> env;

    StampCommand(Map<String, String> env) {
        this.env = env;
    }

    /**
     * {@code --disclosure POLICY.json}, then {@code --protected PATH} and {@code --private PATH} (repeatable) on top:
     * fields not named are public.
     */
    private static DisclosurePolicy policy(Args args) {
        DisclosurePolicy policy = args.option("disclosure")
                .map(p -> DisclosurePolicy.parse(readJson(CliFiles.read(Path.of(p), MAX_PROVENANCE_BYTES), p)))
                .orElse(DisclosurePolicy.ALL_PUBLIC);
        ObjectNode flags = new ObjectMapper().createObjectNode();
        args.all("protected").forEach(p -> flags.put(p, "protected"));
        args.all("private").forEach(p -> flags.put(p, "private"));
        return flags.isEmpty() ? policy : policy.stricterOf(DisclosurePolicy.parse(flags));
    }

    /** {@code --options OPTIONS.json} (the HTTP API's options document); {@code --mark} draws the default mark. */
    private static StampOptions options(Args args) {
        StampOptions options = args.option("options")
                .map(p -> StampOptions.parse(readJson(CliFiles.read(Path.of(p), MAX_PROVENANCE_BYTES), p)))
                .orElse(StampOptions.METADATA_ONLY);
        if (args.flag("mark") && !options.marker().enabled()) {
            options = new StampOptions(io.credmark.pixels.marker.MarkerOptions.defaults());
        }
        return options;
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(byte[] bytes, String name) {
        try {
            return new ObjectMapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new UsageException(name + " is not JSON");
        }
    }

    int run(List<String> argv, PrintStream out) {
        Args args = Args.parse(argv, Set.of("in", "out", "provenance", "data", "alg", "private", "protected",
                "disclosure", "evidence-out", "options"), Set.of("mark"));
        if (!args.positionals().isEmpty()) {
            throw new UsageException("stamp takes no positional arguments: " + args.positionals().get(0));
        }
        Path in = Path.of(args.required("in"));
        Path target = Path.of(args.required("out"));
        ProvenanceDocument provenance = ProvenanceParser.parse(
                CliFiles.read(Path.of(args.required("provenance")), MAX_PROVENANCE_BYTES));
        Map<String, String> overrides = new HashMap<>();
        args.option("alg").ifPresent(a -> overrides.put("signer.algorithm", a));
        Credmark credmark = Credmark.open(Settings.resolve(args.option("data"), overrides, env));
        byte[] image = CliFiles.read(in, Limits.DEFAULT.maxBytes());
        StampResult result = credmark.stamping().stamp(new StampRequest(image, provenance, Optional.empty(),
                Optional.of(in.getFileName().toString()), policy(args), options(args)));
        CliFiles.writeAtomically(target, result::writeTo);
        if (args.option("evidence-out").isPresent()) {
            EvidenceBundle evidence = new EvidenceBundle(result.manifestLabel(), Optional.empty(), Optional.empty(),
                    result.commitments().disclosures().stream().map(Disclosure::encoded).toList());
            CliFiles.writeAtomically(Path.of(args.option("evidence-out").get()),
                    o -> o.write(evidence.toJson().toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        ObjectNode summary = new ObjectMapper().createObjectNode();
        summary.put("out", target.toString());
        summary.put("format", result.format().mediaType());
        summary.put("manifest", result.manifestLabel());
        result.parentManifest().ifPresent(p -> summary.put("parentManifest", p));
        summary.put("sha256", result.sha256());
        result.mark().ifPresent(m -> summary.putObject("mark").put("x", m.box().x).put("y", m.box().y)
                .put("width", m.box().width).put("height", m.box().height).put("style", m.style().wireName()));
        ObjectNode levels = summary.putObject("disclosure");
        result.commitments().levels().forEach((path, level) -> levels.put(path, level.wireName()));
        out.println(summary.toPrettyString());
        return 0;
    }
}
