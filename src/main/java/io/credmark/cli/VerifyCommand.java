package io.credmark.cli;

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
        Args args = Args.parse(argv, Set.of("trust-anchors", "data"), Set.of());
        if (args.positionals().size() != 1) {
            throw new UsageException("verify takes exactly one file");
        }
        List<Path> anchors = args.all("trust-anchors").stream().map(Path::of).toList();
        Credmark credmark = Credmark.open(Settings.resolve(args.option("data"), Map.of(), env), anchors);
        byte[] image = CliFiles.read(Path.of(args.positionals().get(0)), Limits.DEFAULT.maxBytes());
        VerificationReport report = credmark.verification().verify(image);
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
