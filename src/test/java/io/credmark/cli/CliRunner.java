package io.credmark.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process for tests outside this package, as {@code java -jar credmark.jar …} would. */
public final class CliRunner {

    private CliRunner() {
    }

    /** @return the exit code */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return Main.run(args, out, err, Map.of());
    }
}
