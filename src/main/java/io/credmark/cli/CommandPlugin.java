package io.credmark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A command that is not part of the product but may ship in the same jar (the benchmarks, under {@code src/bench}).
 * Found with {@link java.util.ServiceLoader}, so the product code never names it; the exit codes are those of
 * {@link Main}.
 */
public interface CommandPlugin {

    /** The command word, e.g. {@code bench}. */
    String name();

    /** Runs the command; {@code args} are the words after the command word. */
    int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) throws IOException;
}
