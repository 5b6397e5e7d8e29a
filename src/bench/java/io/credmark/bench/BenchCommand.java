package io.credmark.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.Json;
import io.credmark.app.Credmark;
import io.credmark.app.Settings;
import io.credmark.bytes.Sha256;
import io.credmark.cli.CliFiles;
import io.credmark.cli.UsageException;
import io.credmark.issuance.StampRequest;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceParser;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench c2pa [--png FILE] [--jpeg FILE] [--seconds N] [--out report.json]}: metadata-only stamp and verify,
 * in-process and warmed up, against one SHA-256 pass over the same bytes. Without files it makes a 4-megapixel PNG
 * and JPEG (2560×1600) by scaling a bundled sample and adding grain.
 */
@Command(name = "c2pa", description = "Metadata-only stamp and verify against one SHA-256 pass over the same bytes.")
final class BenchCommand implements Callable<Integer> {

    private static final String MINIMAL_PROVENANCE = "{\"creator\":{\"handle\":\"bench\"},\"model\":{\"name\":\"bench\"}}";
    private final Map<String, String> env;
    private final PrintStream out;

    @Option(names = "--png", paramLabel = "FILE", description = "A PNG to measure; default a 4-megapixel one.")
    private Optional<Path> png = Optional.empty();
    @Option(names = "--jpeg", paramLabel = "FILE", description = "A JPEG to measure; default a 4-megapixel one.")
    private Optional<Path> jpeg = Optional.empty();
    @Option(names = "--seconds", paramLabel = "N", defaultValue = "3", description = "Seconds a measurement.")
    private double seconds;
    @Option(names = "--data", paramLabel = "DIR", description = "The data directory; default a temporary one.")
    private Optional<Path> dataDir = Optional.empty();
    @Option(names = "--out", paramLabel = "report.json", description = "Writes the figures as JSON.")
    private Optional<Path> reportFile = Optional.empty();

    BenchCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        Path data = dataDir.orElseGet(BenchCommand::tempData);
        Credmark credmark = Credmark.open(Settings.resolve(java.util.Optional.of(data.toString()), Map.of(), env));
        // the same installation without time-stamps, to show what the time-stamp adds to a stamp
        Credmark untimed = Credmark.open(Settings.resolve(java.util.Optional.of(data.toString()),
                Map.of("tsa.url", "none"), env));
        ProvenanceDocument provenance = ProvenanceParser.parse(MINIMAL_PROVENANCE.getBytes(StandardCharsets.UTF_8));

        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("png", png.map(p -> CliFiles.read(p, Long.MAX_VALUE))
                .orElseGet(() -> synthetic("png")));
        inputs.put("jpeg", jpeg.map(p -> CliFiles.read(p, Long.MAX_VALUE))
                .orElseGet(() -> synthetic("jpeg")));

        ObjectNode report = Json.mapper().createObjectNode();
        report.put("java", System.getProperty("java.version"));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        ArrayNode results = report.putArray("results");
        for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
            byte[] image = e.getValue();
            byte[] stamped = credmark.stamping().stamp(StampRequest.of(image, provenance)).toByteArray();
            double sha = measure(seconds, () -> Sha256.of(image));
            double stamp = measure(seconds, () -> credmark.stamping().stamp(StampRequest.of(image, provenance))
                    .toByteArray());
            double untimedStamp = measure(seconds, () -> untimed.stamping().stamp(StampRequest.of(image,
                    provenance)).toByteArray());
            double verify = measure(seconds, () -> credmark.verification().verify(stamped));
            ObjectNode r = results.addObject();
            r.put("format", e.getKey());
            r.put("bytes", image.length);
            r.put("sha256Ms", round(sha));
            r.put("stampMs", round(stamp));
            r.put("stampWithoutTimeStampMs", round(untimedStamp));
            r.put("timeStampMs", round(stamp - untimedStamp));
            r.put("verifyMs", round(verify));
            r.put("stampOverSha256", round(stamp / sha));
            r.put("verifyOverSha256", round(verify / sha));
            out.printf("%-4s %9d bytes  sha256 %7.2f ms  stamp %7.2f ms (%.2fx; time-stamp %+.2f ms)  verify %7.2f ms"
                    + " (%.2fx)%n", e.getKey(), image.length, sha, stamp, stamp / sha, stamp - untimedStamp, verify,
                    verify / sha);
        }
        if (reportFile.isPresent()) {
            Files.writeString(reportFile.get(), report.toPrettyString());
        }
        return 0;
    }

    /** Median milliseconds per run, after a warm-up of the same length, over about {@code seconds}. */
    static double measure(double seconds, Runnable op) {
        return time(seconds, op).medianMs();
    }

    /**
     * After a warm-up of half {@code seconds}, the median wall-clock milliseconds of {@code op} over about
     * {@code seconds} and the mean CPU milliseconds of the thread running it, which a machine shared with other work
     * inflates far less.
     */
    static Timing time(double seconds, Runnable op) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        double[] samples = new double[10_000];
        int n = 0;
        long cpu = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((System.nanoTime() < end || n < 5) && n < samples.length) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            op.run();
            samples[n++] = (System.nanoTime() - t) / 1e6;
            cpu += threads.getCurrentThreadCpuTime() - c;
        }
        double[] taken = Arrays.copyOf(samples, n);
        Arrays.sort(taken);
        return new Timing(taken[n / 2], cpu / 1e6 / n);
    }

    /** Milliseconds a run: the median wall-clock time and the mean CPU time of the measuring thread. */
    record Timing(double medianMs, double cpuMs) {
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static Path tempData() {
        try {
            return Files.createTempDirectory("credmark-bench");
        } catch (IOException e) {
            throw new UsageException("cannot create a temporary data directory: " + e.getMessage());
        }
    }

    /**
     * Sensor-like noise, so that the encoded sizes are those of a photograph (an upscaled image alone compresses
     * far better than any real 4-megapixel picture).
     */
    private static void addGrain(BufferedImage image) {
        java.util.Random random = new java.util.Random(4);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int n = (int) (random.nextGaussian() * 6);
                int r = clamp(((rgb >> 16) & 0xFF) + n);
                int gr = clamp(((rgb >> 8) & 0xFF) + n);
                int b = clamp((rgb & 0xFF) + n);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** A 2560×1600 image scaled up from the bundled sample, encoded as PNG or JPEG (quality 90). */
    private static byte[] synthetic(String format) {
        try (InputStream in = BenchCommand.class.getResourceAsStream("/bench/sample.jpg")) {
            BufferedImage source = ImageIO.read(in);
            BufferedImage big = new BufferedImage(2560, 1600, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = big.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, 0, 0, 2560, 1600, null);
            g.dispose();
            addGrain(big);
            return format.equals("png") ? Attacks.encodePng(big) : Attacks.encodeJpeg(big, 90);
        } catch (IOException e) {
            throw new UsageException("cannot make the benchmark image: " + e.getMessage());
        }
    }
}
