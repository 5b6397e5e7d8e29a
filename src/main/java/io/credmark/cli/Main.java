package io.credmark.cli;

import io.credmark.ConflictException;
import io.credmark.InvalidInputException;
import io.credmark.UnavailableException;
import io.credmark.app.ConfigurationException;
import io.credmark.c2pa.C2paException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar credmark.jar COMMAND …}. Exit codes: 0 success (for verify: trusted or valid), 1 verify found
 * an invalid manifest, 2 bad input or usage (one line on stderr), 3 an internal error or an unusable database.
 */
public final class Main {

    /** The description of every {@code --data} option. */
    static final String DATA_DIR = "The data directory; default ./credmark-data, or $CREDMARK_DATA.";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err, System.getenv()));
    }

    /** Without a command: the list of commands, and exit 2. */
    @Command(name = "credmark", description = "Stamps images with signed C2PA manifests and verifies them.",
            footer = "%nThe data directory defaults to ./credmark-data, or $CREDMARK_DATA.",
            subcommands = CommandLine.HelpCommand.class)
    private static final class Root implements Callable<Integer> {

        @Spec
        CommandSpec spec;
        private final PrintStream out;

        Root(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            out.print(spec.commandLine().getUsageMessage());
            return 2;
        }
    }

    @Command(name = "completion", description = "Prints a bash completion script: source <(credmark completion)")
    private static final class Completion implements Callable<Integer> {

        @Spec
        CommandSpec spec;
        private final PrintStream out;

        Completion(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            out.print(AutoComplete.bash("credmark", spec.root().commandLine()));
            return 0;
        }
    }

    /** The command tree: the product's commands, those a {@link CommandPlugin} ships beside them, and completion. */
    static CommandLine tree(PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine line = new CommandLine(new Root(out));
        line.addSubcommand(new StampCommand(env, out));
        line.addSubcommand(new VerifyCommand(env, out, err));
        line.addSubcommand(new VerifyEvidenceCommand(out, err));
        line.addSubcommand(new KeysCommand(env, out, err));
        line.addSubcommand(new ServeCommand(env, out, err));
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
            line.addSubcommand(plugin.command(env, out, err));
        }
        line.addSubcommand(new Completion(out));
        Deque<CommandLine> todo = new ArrayDeque<>(List.of(line));
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            CommandSpec spec = c.getCommandSpec();
            if (spec.options().stream().noneMatch(OptionSpec::usageHelp) && !(c.getCommand() instanceof
                    CommandLine.HelpCommand)) {
                spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Shows this help.")
                        .build());
            }
            todo.addAll(c.getSubcommands().values());
        }
        // the options' contract from before: the last of a repeated option counts, and @FILE is a file's name
        line.setOverwrittenOptionsAllowed(true);
        line.setExpandAtFiles(false);
        line.setUsageHelpWidth(120);
        line.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setParameterExceptionHandler((e, words) -> {
            CommandLine command = e.getCommandLine();
            // a misspelt option first: it is why a required one seems missing
            List<String> unknown = command.getUnmatchedArguments().stream().filter(a -> a.startsWith("-")).toList();
            String message = e instanceof CommandLine.MissingParameterException && !unknown.isEmpty()
                    ? new CommandLine.UnmatchedArgumentException(command, unknown).getMessage()
                    : e.getMessage();
            err.println("credmark: " + firstLine(message, "bad command line") + " (see "
                    + command.getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        line.setExecutionExceptionHandler((e, command, parsed) -> exitCode(e, err));
        return line;
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            int exit = tree(out, err, env).execute(args.toArray(String[]::new));
            out.flush();
            return exit;
        } catch (StackOverflowError | OutOfMemoryError e) {
            return exitCode(e, err);
        }
    }

    private static int exitCode(Throwable e, PrintStream err) {
        if (e instanceof CommandLine.ExecutionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof UsageException || e instanceof InvalidInputException || e instanceof C2paException
                || e instanceof ConfigurationException || e instanceof ConflictException
                || e instanceof java.io.IOException) {
            err.println("credmark: " + e.getMessage());
            return 2;
        }
        if (e instanceof UnavailableException) {
            err.println("credmark: " + firstLine(e.getMessage(), "database error"));
            return 3;
        }
        err.println("credmark: internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage(), "")));
        return 3;
    }

    private static String firstLine(String message, String otherwise) {
        return message == null ? otherwise : message.lines().findFirst().orElse(otherwise);
    }
}
