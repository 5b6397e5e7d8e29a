package io.credmark.bench;

import io.credmark.app.Credmark;
import io.credmark.app.Settings;
import io.credmark.c2pa.sign.KeySigner;
import io.credmark.c2pa.sign.Signer;
import io.credmark.cli.CliFiles;
import io.credmark.cli.UsageException;
import io.credmark.issuance.StampOptions;
import io.credmark.issuance.StampRequest;
import io.credmark.issuance.WatermarkMode;
import io.credmark.pixels.marker.MarkerOptions;
import io.credmark.pki.SigningCredentials;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceParser;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench stamp [--images DIR] [--seconds S] [--verify-only]}: each stamp mode (metadata only, mark, watermark,
 * mark + watermark) in-process and warmed, beside ImageIO's decode + encode of the same file in the same JVM, with
 * the ratio; then verify with the watermark search per megapixel ({@link VerifyBench}). Without {@code --images},
 * PNG and JPEG at 1 and 4 megapixels are made from the bundled sample with grain.
 * Time-stamps are off: they cost a network round trip, not pixel work. {@code metadata+identity} adds the creator's
 * CAWG identity assertion (a second ES256 signature, issued by the creator-identity CA) to a metadata-only stamp.
 */
@Command(name = "stamp", description = "Each stamp mode beside ImageIO's decode and encode of the same image.")
final class StampBenchCommand implements Callable<Integer> {

    private static final String PROVENANCE = "{\"creator\":{\"handle\":\"bench\"},\"model\":{\"name\":\"bench\"}}";
    private static final long WATERMARK_ID = 0x1234_5678_9ABCL;
    private final Map<String, String> env;
    private final PrintStream out;

    @Option(names = "--images", paramLabel = "DIR",
            description = "PNG and JPEG files to measure; default PNG and JPEG at 1 and 4 megapixels.")
    private Optional<Path> images = Optional.empty();
    @Option(names = "--seconds", paramLabel = "N", defaultValue = "2", description = "Seconds a measurement.")
    private double seconds;
    @Option(names = "--data", paramLabel = "DIR", description = "The data directory; default a temporary one.")
    private Optional<Path> dataDir = Optional.empty();
    @Option(names = "--verify-only", description = "Only verify with the watermark search, per megapixel.")
    private boolean verifyOnly;

    StampBenchCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    @Override
    public Integer call() {
        Path data = dataDir.orElseGet(BenchCommand::tempData);
        Credmark credmark = Credmark.open(Settings.resolve(Optional.of(data.toString()), Map.of("tsa.url", "none"),
                env));
        ProvenanceDocument provenance = ProvenanceParser.parse(PROVENANCE.getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> inputs = images.map(StampBenchCommand::fromDirectory)
                .orElseGet(StampBenchCommand::synthetic);
        Map<String, StampOptions> modes = new LinkedHashMap<>();
        modes.put("metadata-only", StampOptions.METADATA_ONLY);
        modes.put("mark", new StampOptions(MarkerOptions.defaults(), WatermarkMode.OFF));
        modes.put("watermark", new StampOptions(MarkerOptions.disabled(), WatermarkMode.REQUIRED));
        modes.put("mark+watermark", new StampOptions(MarkerOptions.defaults(), WatermarkMode.REQUIRED));
        modes.put("metadata+identity", StampOptions.METADATA_ONLY);
        SigningCredentials creator = credmark.identityCa().issue("bench", URI.create("https://bench.invalid/u/bench"));
        Optional<Signer> identity = Optional.of(KeySigner.of(creator.privateKey(), creator.chain()));
        out.printf("java %s, %d cores, %.1f s a measurement; median ms (ratio to ImageIO decode+encode)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), seconds);
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            byte[] image = input.getValue();
            String format = input.getKey().endsWith("png") ? "png" : "jpeg";
            StampRequest watermarked = new StampRequest(image, provenance, Optional.empty(), Optional.empty(),
                    io.credmark.disclosure.DisclosurePolicy.ALL_PUBLIC, modes.get("watermark"),
                    OptionalLong.of(WATERMARK_ID));
            if (verifyOnly) {
                VerifyBench.print(credmark, input.getKey(), watermarked, format, seconds, out);
                continue;
            }
            double roundTrip = BenchCommand.measure(seconds, () -> roundTrip(image, format));
            StringBuilder line = new StringBuilder(String.format("%-18s %9d B  imageio %8.1f", input.getKey(),
                    image.length, roundTrip));
            for (Map.Entry<String, StampOptions> mode : modes.entrySet()) {
                StampRequest request = new StampRequest(image, provenance, Optional.empty(), Optional.empty(),
                        io.credmark.disclosure.DisclosurePolicy.ALL_PUBLIC, mode.getValue(),
                        OptionalLong.of(WATERMARK_ID)).withIdentity(mode.getKey().endsWith("+identity") ? identity
                        : Optional.empty());
                double ms = BenchCommand.measure(seconds, () -> credmark.stamping().stamp(request).toByteArray());
                line.append(String.format("  %s %8.1f (%.2fx)", mode.getKey(), ms, ms / roundTrip));
            }
            out.println(line);
            VerifyBench.print(credmark, input.getKey(), watermarked, format, seconds, out);
        }
        return 0;
    }

    private static void roundTrip(byte[] image, String format) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
            ByteArrayOutputStream out = new ByteArrayOutputStream(image.length);
            ImageIO.write(decoded, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> fromDirectory(Path dir) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("(?i).*\\.(png|jpe?g)")).sorted()
                    .forEach(f -> out.put(f.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                            .replaceAll("\\.jpe?g$", ".jpeg"), CliFiles.read(f, Long.MAX_VALUE)));
        } catch (IOException e) {
            throw new UsageException("cannot list " + dir + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new UsageException("no PNG or JPEG in " + dir);
        }
        return out;
    }

    /** PNG and JPEG (ImageIO's default quality) at 1 and 4 megapixels, from the bundled sample with grain. */
    private static Map<String, byte[]> synthetic() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = StampBenchCommand.class.getResourceAsStream("/bench/sample.jpg")) {
            BufferedImage source = ImageIO.read(in);
            for (int side : new int[] {1024, 2048}) {
                BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.drawImage(source, 0, 0, side, side, null);
                g.dispose();
                java.util.Random random = new java.util.Random(side);
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int rgb = image.getRGB(x, y);
                        int n = (int) (random.nextGaussian() * 6);
                        image.setRGB(x, y, clamp((rgb >> 16 & 0xFF) + n) << 16 | clamp((rgb >> 8 & 0xFF) + n) << 8
                                | clamp((rgb & 0xFF) + n));
                    }
                }
                String mp = side == 1024 ? "1mp" : "4mp";
                for (String format : new String[] {"png", "jpeg"}) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    ImageIO.write(image, format, bytes);
                    out.put(mp + "." + format, bytes.toByteArray());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
