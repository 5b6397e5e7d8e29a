package io.credmark.bench;

import io.credmark.cli.CommandPlugin;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code bench c2pa | http | watermark …}, registered with the CLI as a {@link CommandPlugin}. */
public final class BenchPlugin implements CommandPlugin {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) throws IOException {
        if (!args.isEmpty() && args.get(0).equals("http")) {
            return new HttpBenchCommand(env).run(args, out, err);
        }
        return new BenchCommand(env).run(args, out);
    }
}
