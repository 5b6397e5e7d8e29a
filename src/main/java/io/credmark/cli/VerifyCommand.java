package io.credmark.cli;

import io.credmark.disclosure.CheckedDisclosure;
import io.credmark.disclosure.DisclosureCheck;
import io.credmark.disclosure.EvidenceBundle;
import io.credmark.service.Credmark;
import io.credmark.service.Limits;
import io.credmark.service.ReportJson;
import io.credmark.service.Settings;
import io.credmark.service.VerificationReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code verify FILE}: prints the JSON report; exit 0 trusted or valid, 1 invalid, 2 none or unreadable. */
final class VerifyCommand {

    private final Map<String, String> env;

    VerifyCommand(Map<String, String> env) {
        this.env = env;
    }

    int run(List<String> argv, PrintStream out, PrintStream err) {
        Args args = Args.parse(argv, Set.of("trust-anchors", "data", "evidence"), Set.of());
        if (args.positionals().size() != 1) {
            throw new UsageException("verify takes exactly one file");
        }
        List<Path> anchors = args.all("trust-anchors").stream().map(Path::of).toList();
        Credmark credmark = Credmark.open(Settings.resolve(args.option("data"), Map.of(), env), anchors);
        byte[] image = CliFiles.read(Path.of(args.positionals().get(0)), Limits.DEFAULT.maxBytes());
        List<DisclosureCheck.Presented> presented = List.of();
        if (args.option("evidence").isPresent()) {
            EvidenceBundle evidence = EvidenceBundle.parse(CliFiles.read(Path.of(args.option("evidence").get()),
                    8L << 20));
            presented = evidence.disclosures().stream()
                    .map(d -> new DisclosureCheck.Presented(d, CheckedDisclosure.Source.EVIDENCE)).toList();
            String bundleManifest = evidence.manifest();
            VerificationReport probe = credmark.verification().verify(image, presented);
            probe.validation().filter(v -> !v.activeManifest().equals(bundleManifest)).ifPresent(v -> err.println(
                    "credmark: the evidence is for manifest " + bundleManifest + ", the file's is " + v.activeManifest()));
            return finish(probe, out, err);
        }
        VerificationReport report = credmark.verification().verify(image, presented);
        return finish(report, out, err);
    }

    private static int finish(VerificationReport report, PrintStream out, PrintStream err) {
        out.println(ReportJson.render(report).toPrettyString());
        return switch (report.status()) {
            case TRUSTED, VALID -> 0;
            case INVALID -> 1;
            case NONE -> {
                err.println("credmark: " + report.error().orElse(ReportJson.render(report).get("message").asText()));
                yield 2;
            }
        };
    }
}
