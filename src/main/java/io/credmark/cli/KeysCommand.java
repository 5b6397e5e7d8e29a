package io.credmark.cli;

import io.credmark.pki.DevelopmentCa;
import io.credmark.service.Settings;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code keys root}: the development root certificate, the trust anchor verifiers need for credmark's stamps. */
final class KeysCommand {

    private final Map<String, String> env;

    KeysCommand(Map<String, String> env) {
        this.env = env;
    }

    int run(List<String> argv, PrintStream out) {
        if (argv.isEmpty()) {
            throw new UsageException("keys needs a subcommand: root");
        }
        Args args = Args.parse(argv.subList(1, argv.size()), Set.of("data"), Set.of());
        if ("root".equals(argv.get(0))) {
            Settings settings = Settings.resolve(args.option("data"), Map.of(), env);
            out.print(DevelopmentCa.openOrCreate(settings.dataDir()).rootPem());
            return 0;
        }
        throw new UsageException("unknown keys subcommand '" + argv.get(0) + "'");
    }
}
