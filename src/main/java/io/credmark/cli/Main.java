package io.credmark.cli;

import io.credmark.ConflictException;
import io.credmark.InvalidInputException;
import io.credmark.UnavailableException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

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
            "  verify-evidence BUNDLE.json [--trust-anchors PEM]...",
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

    /** Runs one command on the words after its name. */
    @FunctionalInterface
    private interface Runner {
        int run(List<String> words) throws java.io.IOException;
    }

    /**
     * The command tree: picocli answers {@code --help}, unknown commands and {@code completion}; each command's own
     * words go to that command unparsed, as before.
     */
    private static CommandLine tree(Map<String, Runner> runners, Map<String, String> env, PrintStream out,
            PrintStream err) {
        CommandSpec root = CommandSpec.create().name("credmark");
        root.usageMessage().description("Stamps images with signed C2PA manifests and verifies them.")
                .footer("The data directory defaults to ./credmark-data, or $CREDMARK_DATA.");
        root.addOption(help());
        CommandLine line = new CommandLine(root);
        line.addSubcommand(command("stamp", "Signs an image with a C2PA manifest.", "stamp"));
        line.addSubcommand(command("verify", "Verifies an image and prints the JSON report.", "verify"));
        VerifyEvidenceCommand verifyEvidence = new VerifyEvidenceCommand(out, err);
        line.addSubcommand(new CommandLine(verifyEvidence));
        runners.put("verify-evidence", words -> verifyEvidence.call());
        line.addSubcommand(command("keys", "Manages the signing keys and the service's API keys.", "keys"));
        line.addSubcommand(command("serve", "Runs the HTTP service.", "serve"));
        runners.put("stamp", words -> new StampCommand(env).run(words, out));
        runners.put("verify", words -> new VerifyCommand(env).run(words, out, err));
        runners.put("keys", words -> new KeysCommand(env).run(words, out, err));
        runners.put("serve", words -> new ServeCommand(env).run(words, out, err));
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
            line.addSubcommand(command(plugin.name(), "Runs the " + plugin.name() + " command, shipped beside the product.",
                    plugin.name()));
            runners.put(plugin.name(), words -> plugin.run(words, out, err, env));
        }
        CommandSpec completion = CommandSpec.create().name("completion");
        completion.usageMessage().description("Prints a bash completion script: source <(credmark completion)");
        completion.addOption(help());
        line.addSubcommand(completion);
        runners.put("completion", words -> {
            out.print(AutoComplete.bash("credmark", line));
            return 0;
        });
        line.setUnmatchedOptionsArePositionalParams(true);
        line.setExpandAtFiles(false);
        return line;
    }

    private static OptionSpec help() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("Shows this help.").build();
    }

    /** A command whose words its own class reads; its help shows the lines of {@link #USAGE} that name it. */
    private static CommandSpec command(String name, String description, String word) {
        CommandSpec spec = CommandSpec.create().name(name);
        List<String> lines = new java.util.ArrayList<>();
        boolean mine = false;
        for (String l : USAGE.lines().skip(1).toList()) {
            if (!l.startsWith("   ")) {
                mine = l.startsWith("  " + word + " ");
            }
            if (mine) {
                lines.add(l);
            }
        }
        lines.add(0, "%nOptions:");
        spec.usageMessage().description(description).footer(lines.toArray(String[]::new)).width(120);
        spec.addOption(help());
        spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).paramLabel("ARGS").hidden(true).build());
        return spec;
    }

    private static boolean printHelpIfRequested(ParseResult parsed, java.io.StringWriter help) {
        for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.isUsageHelpRequested()) {
                help.write(p.commandSpec().commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF));
                return true;
            }
        }
        return false;
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            if (args.isEmpty() || args.get(0).equals("help")) {
                out.println(USAGE);
                return args.isEmpty() ? 2 : 0;
            }
            Map<String, Runner> runners = new java.util.HashMap<>();
            CommandLine line = tree(runners, env, out, err);
            ParseResult parsed;
            try {
                parsed = line.parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new UsageException(e.getMessage().lines().findFirst().orElse("bad command line"));
            }
            java.io.StringWriter help = new java.io.StringWriter();
            if (printHelpIfRequested(parsed, help)) {
                out.print(help);
                return 0;
            }
            if (!parsed.hasSubcommand()) {
                throw new UsageException("a command is needed\n" + USAGE);
            }
            ParseResult command = parsed.subcommand();
            // commands declared with picocli annotations have read their own words
            Object matched = command.hasMatchedPositional(0) ? command.matchedPositional(0).getValue() : null;
            List<String> words = matched instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
            return runners.get(command.commandSpec().name()).run(words);
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
