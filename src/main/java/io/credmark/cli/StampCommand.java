package io.credmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.Json;
import io.credmark.app.Credmark;
import io.credmark.app.ServiceNode;
import io.credmark.app.Settings;
import io.credmark.bytes.Sha256;
import io.credmark.c2pa.sign.TimeStampOutcome;
import io.credmark.container.ImageFormat;
import io.credmark.credential.WatermarkPayload;
import io.credmark.disclosure.Commitments;
import io.credmark.disclosure.Disclosure;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.disclosure.EvidenceBundle;
import io.credmark.http.StampOptionsJson;
import io.credmark.identity.TimeStampJson;
import io.credmark.issuance.ProvenanceInput;
import io.credmark.issuance.StampOptions;
import io.credmark.issuance.StampOrder;
import io.credmark.issuance.StampRequest;
import io.credmark.issuance.StampResult;
import io.credmark.issuance.Stamped;
import io.credmark.issuance.WatermarkMode;
import io.credmark.issuance.WatermarkStamp;
import io.credmark.pixels.marker.MarkResult;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.container.ContainerSkeleton;
import io.credmark.issuance.StampService;
import java.io.PrintStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stamp --in IN --out OUT --provenance PROV.json}: embeds a signed manifest; prints a JSON summary. */
@Command(name = "stamp", description = "Signs an image with a C2PA manifest; prints a JSON summary.")
final class StampCommand implements Callable<Integer> {

    private static final long MAX_PROVENANCE_BYTES = 1 << 20;
    /** The API key name recorded on credentials the command line stamps. */
    private static final String CLI_KEY_NAME = "cli";
    private final Map<String, String> env;
    private final PrintStream out;

    @Option(names = "--in", required = true, paramLabel = "IN", description = "The PNG or JPEG to stamp.")
    private Path in;
    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Where the stamped image goes.")
    private Path target;
    @Option(names = "--provenance", required = true, paramLabel = "PROV.json", description = "The provenance.")
    private Path provenanceFile;
    @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_DIR)
    private Optional<String> data = Optional.empty();
    @Option(names = "--alg", paramLabel = "ALG",
            description = "The development signer's algorithm: es256 (default), es384, ps256, ed25519.")
    private Optional<String> alg = Optional.empty();
    @Option(names = "--private", paramLabel = "PATH", description = "A field only its creator sees (repeatable).")
    private List<String> privateFields = new ArrayList<>();
    @Option(names = "--protected", paramLabel = "PATH",
            description = "A field its creator and whom they allow see (repeatable).")
    private List<String> protectedFields = new ArrayList<>();
    @Option(names = "--disclosure", paramLabel = "POLICY.json", description = "Who sees which field.")
    private Optional<String> disclosure = Optional.empty();
    @Option(names = "--evidence-out", paramLabel = "BUNDLE.json",
            description = "Writes the evidence bundle that proves hidden fields later.")
    private Optional<String> evidenceOut = Optional.empty();
    @Option(names = "--mark", description = "Draws the visible mark.")
    private boolean mark;
    @Option(names = "--watermark", description = "Embeds the invisible watermark (recorded in the data directory).")
    private boolean watermark;
    @Option(names = "--options", paramLabel = "OPTIONS.json", description = "The HTTP API's options document.")
    private Optional<String> optionsFile = Optional.empty();

    StampCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    /**
     * {@code --disclosure POLICY.json}, then {@code --protected PATH} and {@code --private PATH} (repeatable) on top:
     * fields not named are public.
     */
    private DisclosurePolicy policy() {
        DisclosurePolicy policy = disclosure
                .map(p -> DisclosurePolicy.parse(readJson(CliFiles.read(Path.of(p), MAX_PROVENANCE_BYTES), p)))
                .orElse(DisclosurePolicy.ALL_PUBLIC);
        ObjectNode flags = Json.mapper().createObjectNode();
        protectedFields.forEach(p -> flags.put(p, "protected"));
        privateFields.forEach(p -> flags.put(p, "private"));
        return flags.isEmpty() ? policy : policy.stricterOf(DisclosurePolicy.parse(flags));
    }

    /**
     * {@code --options OPTIONS.json} (the HTTP API's options document, whose watermark is off unless it says
     * otherwise); {@code --mark} draws the default mark; {@code --watermark} requires the watermark.
     */
    private StampOptions options() {
        StampOptions options = optionsFile
                .map(p -> StampOptionsJson.parse(readJson(CliFiles.read(Path.of(p), MAX_PROVENANCE_BYTES), p)))
                .orElse(StampOptions.METADATA_ONLY);
        if (mark && !options.marker().enabled()) {
            options = options.withMarker(io.credmark.pixels.marker.MarkerOptions.defaults());
        }
        if (watermark) {
            options = options.withWatermark(WatermarkMode.REQUIRED);
        }
        return options;
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(byte[] bytes, String name) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new UsageException(name + " is not JSON");
        }
    }

    @Override
    public Integer call() {
        ProvenanceDocument provenance = ProvenanceParser.parse(CliFiles.read(provenanceFile, MAX_PROVENANCE_BYTES));
        Map<String, String> overrides = new HashMap<>();
        alg.ifPresent(a -> overrides.put("signer.algorithm", a));
        Settings settings = CliFiles.forLocalFiles(Settings.resolve(data, overrides, env));
        StampOptions options = options();
        DisclosurePolicy policy = policy();
        Optional<String> sourceName = Optional.of(in.getFileName().toString());
        Issued issued;
        Credmark credmark;
        if (options.watermark() == WatermarkMode.OFF) {
            credmark = Credmark.open(settings);
            Optional<ContainerSkeleton> skeleton = skeleton(in, options, settings);
            issued = skeleton.isPresent()
                    ? streamed(credmark, skeleton.get(), provenance, sourceName, policy, options)
                    : offline(credmark, CliFiles.read(in, CliFiles.maxFileBytes(settings)), provenance, sourceName,
                            policy, options);
        } else {
            Recorded r = recorded(settings, CliFiles.read(in, CliFiles.maxFileBytes(settings)), provenance,
                    sourceName, policy, options);
            issued = r.issued();
            credmark = r.engine();
        }
        MessageDigest sha256 = Sha256.digest();
        CliFiles.writeAtomically(target, o -> {
            // not closed here: the file is closed by writeAtomically
            DigestOutputStream hashed = new DigestOutputStream(o, sha256);
            issued.image().write(hashed);
            hashed.flush();
        });
        if (evidenceOut.isPresent()) {
            // the service's bundle (GET /v1/credentials/{id}/evidence), made the same way
            EvidenceBundle evidence = credmark.credentialEvidence().bundle(issued.manifest(), issued.credential()
                    .map(Stamped::credential).map(c -> c.id().text()), issued.credential().map(Stamped::url),
                    issued.disclosures(), issued.store());
            // the evidence holds the private values: owner-only, unlike the image
            CliFiles.writeOwnerOnly(Path.of(evidenceOut.get()),
                    o -> o.write(evidence.toJson().toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        ObjectNode summary = Json.mapper().createObjectNode();
        summary.put("out", target.toString());
        summary.put("format", issued.format().mediaType());
        summary.put("manifest", issued.manifest());
        issued.parentManifest().ifPresent(p -> summary.put("parentManifest", p));
        summary.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        issued.credential().ifPresent(c -> summary.putObject("credential").put("id", c.credential().id().text())
                .put("url", c.url()));
        issued.mark().ifPresent(m -> summary.putObject("mark").put("x", m.box().x).put("y", m.box().y)
                .put("width", m.box().width).put("height", m.box().height).put("style", m.style().wireName()));
        issued.watermark().ifPresent(w -> {
            ObjectNode n = summary.putObject("watermark").put("embedded", w.embedded());
            w.payloadId().ifPresent(id -> n.put("payloadId", WatermarkPayload.hex(id)));
            w.skipped().ifPresent(r -> n.put("reason", r));
        });
        summary.set("timeStamp", TimeStampJson.of(issued.timeStamp()));
        ObjectNode levels = summary.putObject("disclosure");
        issued.levels().forEach((path, level) -> levels.put(path, level.wireName()));
        out.println(summary.toPrettyString());
        return 0;
    }

    /** A stamp as the command reports it, whichever way it was made; {@code store} is its manifest store. */
    private record Issued(CliFiles.Writer image, ImageFormat format, String manifest, Optional<String> parentManifest,
            Optional<MarkResult> mark, Optional<WatermarkStamp> watermark, Map<String, DisclosureLevel> levels,
            List<String> disclosures, Optional<Stamped> credential, TimeStampOutcome timeStamp, byte[] store) {
    }

    /** A stamp recorded in the data directory's store, and the engine that made it. */
    private record Recorded(Issued issued, Credmark engine) {
    }

    /** Without a watermark: a stamp of the file alone, recorded nowhere. */
    private static Issued offline(Credmark credmark, byte[] image, ProvenanceDocument provenance,
            Optional<String> sourceName, DisclosurePolicy policy, StampOptions options) {
        StampResult r = credmark.stamping().stamp(new StampRequest(image, provenance, Optional.empty(), sourceName,
                policy, options));
        return issued(r);
    }

    private static Issued issued(StampResult r) {
        return new Issued(r::writeTo, r.format(), r.manifestLabel(), r.parentManifest(), r.mark(),
                r.watermark(), r.commitments().levels(), encoded(r.commitments()), Optional.empty(),
                r.manifest().timeStamp(), r.manifest().store());
    }

    /**
     * The file's skeleton, when this stamp needs no pixel and the file is at least {@code limits.stream-from-bytes}
     * (default {@value Settings#DEFAULT_STREAM_FROM_BYTES}): then its image data is hashed and copied from the file,
     * never held in memory, and a manifest store the file carries is validated as the parent over the file's ranges.
     */
    private static Optional<ContainerSkeleton> skeleton(Path in, StampOptions options, Settings settings) {
        if (!StampService.streams(options)) {
            return Optional.empty();
        }
        return CliFiles.skeleton(in, settings);
    }

    /** A metadata-only stamp of a large file: recorded nowhere, its image data streamed. */
    private static Issued streamed(Credmark credmark, ContainerSkeleton skeleton, ProvenanceDocument provenance,
            Optional<String> sourceName, DisclosurePolicy policy, StampOptions options) {
        return issued(credmark.stamping().stamp(new StampRequest(skeleton.bytes(), provenance, Optional.empty(),
                sourceName, policy, options), skeleton));
    }

    /**
     * With a watermark: it must lead back to a credential, so the stamp is recorded in the data directory's store
     * as the service records it, and {@code verify} can recover it there.
     */
    private static Recorded recorded(Settings settings, byte[] image, ProvenanceDocument provenance,
            Optional<String> sourceName, DisclosurePolicy policy, StampOptions options) {
        try (ServiceNode node = LocalStore.open(settings, "stamp through POST /v1/stamp instead")) {
            Stamped s = node.issuer().stamp(new StampOrder(image, new ProvenanceInput.Spelled(provenance),
                    options, policy, sourceName, CLI_KEY_NAME));
            return new Recorded(new Issued(s.image()::writeTo, s.format(), s.credential().manifestLabel(),
                    s.parentManifest(), s.mark(), s.watermark(), s.commitments().levels(), encoded(s.commitments()),
                    Optional.of(s), s.timeStamp(), s.manifestStore()), node.engine());
        }
    }

    private static List<String> encoded(Commitments c) {
        return c.disclosures().stream().map(Disclosure::encoded).toList();
    }
}
