package io.credmark.bench;

import io.credmark.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench watermark --images DIR [--out report.json] [--threads N] [--seed N] [--no-pairs] [--timing-only]}:
 * the watermark robustness benchmark (PSS against the dwtDct baseline). Sub-directories of DIR are reported as
 * separate splits; {@code --timing-only} measures embed and extract times without the attacks.
 */
@Command(name = "watermark", description = "The watermark robustness benchmark (PSS against the dwtDct baseline).")
final class WatermarkBenchCommand implements Callable<Integer> {

    private final PrintStream out;

    @Option(names = "--images", required = true, paramLabel = "DIR",
            description = "The images; each sub-directory is a split of its own.")
    private Path images;
    @Option(names = "--out", paramLabel = "report.json", description = "Writes the figures as JSON.")
    private Optional<Path> reportFile = Optional.empty();
    @Option(names = "--threads", paramLabel = "N", description = "Default: one a core.")
    private Optional<Integer> threads = Optional.empty();
    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Default ${DEFAULT-VALUE}.")
    private long seed;
    @Option(names = "--no-pairs", description = "Leaves out the pairs of attacks.")
    private boolean noPairs;
    @Option(names = "--timing-only", description = "Measures embed and extract times without the attacks.")
    private boolean timingOnly;

    WatermarkBenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(images)) {
            throw new UsageException("--images must be a directory: " + images);
        }
        var report = WatermarkBench.run(new WatermarkBench.Options(images,
                threads.orElse(Runtime.getRuntime().availableProcessors()), !noPairs, seed, timingOnly), out);
        if (reportFile.isPresent()) {
            Files.writeString(reportFile.get(), report.toPrettyString());
        }
        return 0;
    }
}
