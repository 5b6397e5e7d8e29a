package io.credmark.cli;

import io.credmark.identity.ModelEvidence;
import io.credmark.identity.ModelEvidenceCheck;
import io.credmark.pki.TrustAnchors;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verify-evidence BUNDLE.json}: checks a model's evidence bundle offline (no service, no network) and prints
 * the JSON report, saying in words what it proves and what it does not. Exit codes as {@code verify}'s: 0 trusted or
 * valid, 1 invalid, 2 an unreadable bundle or bad usage.
 */
@Command(name = "verify-evidence", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        description = {"Checks a model's evidence bundle offline: that the record existed, registered by its creator,"
                + " no later than the time-stamp's time.",
                "Exit 0 trusted or valid, 1 invalid, 2 unreadable."})
final class VerifyEvidenceCommand implements Callable<Integer> {

    /** A bundle of many revisions, each with a token and a chain, stays far below this. */
    static final long MAX_BUNDLE_BYTES = 8L << 20;

    @Parameters(index = "0", paramLabel = "BUNDLE.json",
            description = "The bundle, as GET /v1/creators/{handle}/models/{id}/evidence gave it.")
    private Path bundle;

    @Option(names = "--trust-anchors", paramLabel = "PEM",
            description = "Roots to trust for the time-stamping authority (repeatable), e.g. the anchors the"
                    + " registry publishes at /v1/trust/anchors or an independent TSA's root.")
    private List<Path> trustAnchors = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    VerifyEvidenceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ModelEvidence evidence = ModelEvidence.parse(CliFiles.read(bundle, MAX_BUNDLE_BYTES));
        TrustAnchors anchors = trustAnchors.isEmpty() ? TrustAnchors.none() : TrustAnchors.fromPem(trustAnchors);
        ModelEvidenceCheck.Result result = ModelEvidenceCheck.check(evidence, anchors);
        out.println(result.report().toPrettyString());
        if (result.status() == ModelEvidenceCheck.Status.INVALID) {
            err.println("credmark: " + result.report().get("message").asText());
            return 1;
        }
        return 0;
    }
}
