package io.credmark.cli;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/**
 * A command that is not part of the product but may ship in the same jar (the benchmarks, under {@code src/bench}).
 * Found with {@link java.util.ServiceLoader}, so the product code never names it; the exit codes are those of
 * {@link Main}.
 */
public interface CommandPlugin {

    /**
     * The command as picocli declares it (its name is the command word, e.g. {@code bench}), writing to these
     * streams and reading this environment; {@link Main} adds it to the command tree, with help and usage errors
     * as for the product's commands.
     */
    CommandLine command(Map<String, String> env, PrintStream out, PrintStream err);
}
