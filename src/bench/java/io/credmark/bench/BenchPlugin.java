package io.credmark.bench;

import io.credmark.cli.CommandPlugin;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench c2pa | http | stamp | watermark …}, registered with the CLI as a {@link CommandPlugin}: this is the
 * {@code bench} command, its subcommands the benchmarks.
 */
@Command(name = "bench", description = "Measures credmark: c2pa, http, stamp or watermark.")
public final class BenchPlugin implements CommandPlugin, Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public CommandLine command(Map<String, String> env, PrintStream out, PrintStream err) {
        return new CommandLine(this)
                .addSubcommand(new BenchCommand(env, out))
                .addSubcommand(new HttpBenchCommand(env, out, err))
                .addSubcommand(new StampBenchCommand(env, out))
                .addSubcommand(new WatermarkBenchCommand(out));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "bench needs a subcommand: c2pa, http, stamp or watermark");
    }
}
