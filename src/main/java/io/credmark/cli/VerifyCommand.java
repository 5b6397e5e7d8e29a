package io.credmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.app.Credmark;
import io.credmark.app.ServiceNode;
import io.credmark.app.Settings;
import io.credmark.container.ContainerSkeleton;
import io.credmark.creators.Viewer;
import io.credmark.disclosure.CheckedDisclosure;
import io.credmark.disclosure.DisclosureCheck;
import io.credmark.disclosure.EvidenceBundle;
import io.credmark.http.JsonViews;
import io.credmark.verification.ReportJson;
import io.credmark.verification.Verification;
import io.credmark.verification.VerificationReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verify FILE}: prints the JSON report; exit 0 trusted or valid, 1 invalid, 2 none or unreadable, 4 no valid
 * manifest but a credential recovered from the watermark. With a data directory whose service has a database, the
 * report is the service's: the watermark is read and looked up in that database.
 */
@Command(name = "verify", description = "Verifies an image and prints the JSON report.")
final class VerifyCommand implements Callable<Integer> {

    static final int RECOVERED = 4;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    @Parameters(paramLabel = "FILE", description = "The image to verify.")
    private String file;
    @Option(names = "--trust-anchors", paramLabel = "PEM", description = "More C2PA trust anchors, for signers and"
            + " time-stamps (repeatable).")
    private List<String> trustAnchors = new java.util.ArrayList<>();
    @Option(names = "--cawg-trust-anchors", paramLabel = "PEM", description = "More CAWG trust anchors, for creators'"
            + " identity credentials only (repeatable).")
    private List<String> cawgTrustAnchors = new java.util.ArrayList<>();
    @Option(names = "--evidence", paramLabel = "BUNDLE.json", description = "Proves hidden fields with this bundle.")
    private Optional<String> evidenceFile = Optional.empty();
    @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_DIR)
    private Optional<String> data = Optional.empty();

    VerifyCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Settings settings = Settings.resolve(data, Map.of(), env);
        // the configured anchors and these, as the service's own settings, each kind in its own list
        Map<String, String> more = new java.util.HashMap<>();
        withConfigured(settings, "trust.anchors", trustAnchors).ifPresent(v -> more.put("trust.anchors", v));
        withConfigured(settings, "trust.cawg-anchors", cawgTrustAnchors)
                .ifPresent(v -> more.put("trust.cawg-anchors", v));
        if (!more.isEmpty()) {
            settings = Settings.resolve(data, more, env);
        }
        settings = CliFiles.forLocalFiles(settings);
        Optional<ContainerSkeleton> skeleton = CliFiles.skeleton(Path.of(file), settings);
        long maxFileBytes = CliFiles.maxFileBytes(settings);
        // a skeleton holds the file's manifest store, all the evidence check reads
        byte[] image = skeleton.map(ContainerSkeleton::bytes).orElseGet(() -> CliFiles.read(Path.of(file),
                maxFileBytes));
        Optional<EvidenceBundle> evidence = evidenceFile.map(p -> EvidenceBundle.parse(
                CliFiles.read(Path.of(p), 8L << 20)));
        List<String> presented = evidence.map(EvidenceBundle::disclosures).orElse(List.of());
        if (LocalStore.exists(settings)) {
            // the data directory's service: recover credentials from watermarks, as POST /v1/verify does
            try (ServiceNode node = LocalStore.open(settings, "verify through POST /v1/verify instead")) {
                Verification v = skeleton.isPresent() ? node.lookup().verify(skeleton.get(), Viewer.ANYONE, presented)
                        : node.lookup().verify(image, Viewer.ANYONE, presented);
                warnIfOtherManifest(evidence, v.report(), err);
                ObjectNode json = JsonViews.verification(v, node.links());
                boolean holds = SignatureEvidenceReport.attach(evidence, image, node.engine().evidenceTrust(), json,
                        err);
                return evidenceExit(holds, finish(v.report(), v.recovered().isPresent(), json, out, err));
            }
        }
        Credmark credmark = Credmark.open(settings);
        List<DisclosureCheck.Presented> checked = presented.stream()
                .map(d -> new DisclosureCheck.Presented(d, CheckedDisclosure.Source.EVIDENCE)).toList();
        VerificationReport report = skeleton.isPresent() ? credmark.verification().verify(skeleton.get(), checked)
                : credmark.verification().verify(image, checked);
        warnIfOtherManifest(evidence, report, err);
        ObjectNode json = ReportJson.render(report);
        boolean holds = SignatureEvidenceReport.attach(evidence, image, credmark.evidenceTrust(), json, err);
        return evidenceExit(holds, finish(report, false, json, out, err));
    }

    /** The setting {@code key}'s files and {@code files}, when there are any of the latter. */
    private static Optional<String> withConfigured(Settings settings, String key, List<String> files) {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        List<String> all = new java.util.ArrayList<>(settings.paths(key).stream().map(Path::toString).toList());
        all.addAll(files.stream().map(a -> Path.of(a).toAbsolutePath().toString()).toList());
        return Optional.of(String.join(",", all));
    }

    /** Evidence that does not hold for the file makes a good verdict invalid (1); a worse one stays. */
    private static int evidenceExit(boolean holds, int exit) {
        return holds || exit != 0 ? exit : 1;
    }

    private static void warnIfOtherManifest(Optional<EvidenceBundle> evidence, VerificationReport report,
            PrintStream err) {
        evidence.ifPresent(e -> report.validation().filter(v -> !v.activeManifest().equals(e.manifest()))
                .ifPresent(v -> err.println("credmark: the evidence is for manifest " + e.manifest()
                        + ", the file's is " + v.activeManifest())));
    }

    private static int finish(VerificationReport report, boolean recovered, ObjectNode json, PrintStream out,
            PrintStream err) {
        out.println(json.toPrettyString());
        if (recovered) {
            err.println("credmark: " + json.get("message").asText());
            return RECOVERED;
        }
        return switch (report.status()) {
            case TRUSTED, VALID -> 0;
            case INVALID -> 1;
            case NONE -> {
                err.println("credmark: " + report.error().orElse(json.get("message").asText()));
                yield 2;
            }
        };
    }
}
