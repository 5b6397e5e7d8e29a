package io.credmark.cli;

import io.credmark.ConflictException;
import io.credmark.InvalidInputException;
import io.credmark.UnavailableException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * {@code java -jar credmark.jar COMMAND …}. Exit codes: 0 success (for verify: trusted or valid), 1 verify found
 * an invalid manifest, 2 bad input or usage (one line on stderr), 3 an internal error or an unusable database.
 */
public final class Main {

    static final String USAGE = String.join("\n",
            "usage: credmark COMMAND [options]",
            "  stamp --in IN --out OUT --provenance PROV.json [--data DIR] [--alg es256|es384|ps256|ed25519]",
            "        [--private PATH]... [--protected PATH]... [--disclosure POLICY.json] [--evidence-out BUNDLE.json]",
            "        [--mark] [--options OPTIONS.json]",
            "  verify FILE [--trust-anchors PEM]... [--evidence BUNDLE.json] [--data DIR]",
            "  keys root [--data DIR]",
            "  keys rotate-signer [--validity ISO-8601 DURATION, default P365D] [--alg ALG] [--data DIR]",
            "  keys create-api-key --name NAME [--role stamp|admin] [--data DIR | --db JDBC_URL]",
            "  keys revoke-api-key --name NAME [--data DIR | --db JDBC_URL]",
            "  keys list-api-keys [--data DIR | --db JDBC_URL]",
            "  serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--db JDBC_URL] [--public-url URL]",
            "  bench c2pa [--png FILE] [--jpeg FILE] [--seconds N] [--out report.json]",
            "  bench http [--target URL --api-key KEY | --data DIR --db JDBC_URL] [--image FILE]",
            "             [--connections 16] [--duration 20] [--warmup 5]",
            "  bench watermark --images DIR [--out report.json] [--threads N] [--seed N] [--no-pairs] [--timing-only]",
            "The data directory defaults to ./credmark-data, or $CREDMARK_DATA.");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err, System.getenv()));
    }

    /** A command shipped beside the product's, such as {@code bench} (see {@link CommandPlugin}). */
    private static Optional<CommandPlugin> plugin(String name) {
        return ServiceLoader.load(CommandPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst();
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
                out.println(USAGE);
                return args.isEmpty() ? 2 : 0;
            }
            List<String> rest = args.subList(1, args.size());
            return switch (args.get(0)) {
                case "stamp" -> new StampCommand(env).run(rest, out);
                case "verify" -> new VerifyCommand(env).run(rest, out, err);
                case "keys" -> new KeysCommand(env).run(rest, out, err);
                case "serve" -> new ServeCommand(env).run(rest, out, err);
                default -> plugin(args.get(0)).orElseThrow(() -> new UsageException("unknown command '"
                        + args.get(0) + "'\n" + USAGE)).run(rest, out, err, env);
            };
        } catch (UsageException e) {
            err.println("credmark: " + e.getMessage());
            return 2;
        } catch (InvalidInputException e) {
            err.println("credmark: " + e.getMessage());
            return 2;
        } catch (ConflictException e) {
            err.println("credmark: " + e.getMessage());
            return 2;
        } catch (UnavailableException e) {
            err.println("credmark: " + e.getMessage().lines().findFirst().orElse("database error"));
            return 3;
        } catch (java.io.IOException e) {
            err.println("credmark: " + e.getMessage());
            return 2;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            err.println("credmark: internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            return 3;
        }
    }
}
