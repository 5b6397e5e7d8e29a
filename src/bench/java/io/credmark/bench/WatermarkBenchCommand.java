package io.credmark.bench;

import io.credmark.cli.Args;
import io.credmark.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code bench watermark --images DIR [--out report.json] [--threads N] [--seed N] [--no-pairs] [--timing-only]}:
 * the watermark robustness benchmark (PSS against the dwtDct baseline). Sub-directories of DIR are reported as
 * separate splits; {@code --timing-only} measures embed and extract times without the attacks.
 */
final class WatermarkBenchCommand {

    int run(List<String> argv, PrintStream out) throws IOException {
        Args args = Args.parse(argv, Set.of("images", "out", "threads", "seed"), Set.of("no-pairs", "timing-only"));
        Path images = Path.of(args.required("images"));
        if (!Files.isDirectory(images)) {
            throw new UsageException("--images must be a directory: " + images);
        }
        int threads = Integer.parseInt(args.option("threads")
                .orElse(String.valueOf(Runtime.getRuntime().availableProcessors())));
        long seed = Long.parseLong(args.option("seed").orElse("1"));
        var report = WatermarkBench.run(new WatermarkBench.Options(images, threads, !args.flag("no-pairs"), seed,
                args.flag("timing-only")), out);
        if (args.option("out").isPresent()) {
            Files.writeString(Path.of(args.option("out").get()), report.toPrettyString());
        }
        return 0;
    }
}
