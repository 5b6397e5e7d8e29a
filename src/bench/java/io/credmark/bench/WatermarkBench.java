package io.credmark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.Json;
import io.credmark.bytes.Sha256;
import io.credmark.pixels.Cores;
import io.credmark.pixels.watermark.Embedded;
import io.credmark.pixels.watermark.Quality;
import io.credmark.pixels.watermark.WatermarkKey;
import io.credmark.pixels.watermark.Watermarker;
import io.credmark.pixels.watermark.baseline.DwtDct;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The robustness benchmark behind {@code bench watermark}: for every image, embed (PSS and the dwtDct baseline),
 * write the stamped file (PNG stays PNG; JPEG is re-encoded at quality 95, 4:2:0), apply every single attack and
 * every two-attack combination to that file's pixels, and try to recover the exact id. The unmarked original goes
 * through the same attacks to count false detections.
 */
public final class WatermarkBench {

    /** TrustMark's published bit accuracy under its noise suite at 43–45 dB (arXiv 2311.18297, Table 1). */
    public static final double TRUSTMARK_LOW = 0.95;
    public static final double TRUSTMARK_HIGH = 0.97;
    /** Pseudo-attack: the marked pixels as embedded, before the stamped file is written. */
    public static final String PIXELS = "pixels (no file)";

    /** {@code timingOnly}: skip the attacks and measure embed and extract times only. */
    public record Options(Path images, int threads, boolean pairs, long seed, boolean timingOnly) {
    }

    record Outcome(boolean ok, double bitAccuracy) {
    }

    static final class ImageResult {
        String name;
        String split;
        int width;
        int height;
        double psnr;
        double ssim;
        double flatMax;
        double gain;
        int chip;
        double dwtPsnr = Double.NaN;
        double dwtSsim = Double.NaN;
        double embedMs;
        double extractMs;
        final Map<String, Outcome> pss = new LinkedHashMap<>();
        final Map<String, Outcome> dwt = new LinkedHashMap<>();
        final Map<String, Boolean> falsePss = new LinkedHashMap<>();
        final Map<String, Boolean> falseDwt = new LinkedHashMap<>();
    }

    private WatermarkBench() {
    }

    public static ObjectNode run(Options options, PrintStream out) throws IOException {
        List<Path> files = images(options.images());
        if (files.isEmpty()) {
            throw new IOException("no PNG or JPEG images under " + options.images());
        }
        WatermarkKey key = WatermarkKey.of(Sha256.of("credmark-watermark-bench-" + options.seed()));
        Watermarker wm = new Watermarker(key);
        List<Attacks.Attack> singles = Attacks.singles();
        List<Attacks.Attack> pairs = options.pairs() ? Attacks.pairs() : List.of();
        List<Attacks.Attack> all = new ArrayList<>(singles);
        all.addAll(pairs);
        if (options.timingOnly()) {
            double[] timing = timeOneMegapixel(files, wm);
            ObjectNode root = Json.mapper().createObjectNode();
            root.put("algorithm", Watermarker.ALGORITHM);
            root.put("version", Watermarker.VERSION);
            timingNode(root, timing, List.of());
            printTiming(root, out);
            return root;
        }
        out.printf(Locale.ROOT, "%d images, %d single attacks, %d combinations, %d threads%n", files.size(),
                singles.size(), pairs.size(), options.threads());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()));
        List<Future<ImageResult>> futures = new ArrayList<>();
        for (Path f : files) {
            futures.add(pool.submit(() -> {
                // each thread works on one image at a time, as a service request does
                try (Cores.Work work = Cores.begin()) {
                    return one(f, options, wm, all, out);
                }
            }));
        }
        List<ImageResult> results = new ArrayList<>();
        try {
            for (Future<ImageResult> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("benchmark failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double[] timing = timeOneMegapixel(files, wm);
        ObjectNode report = report(results, singles, pairs, timing, options);
        print(report, out);
        return report;
    }

    private static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
            }).sorted().toList();
        }
    }

    static long idFor(String name) {
        byte[] h = Sha256.of("id-" + name);
        long id = 0;
        for (int i = 0; i < 6; i++) {
            id = (id << 8) | (h[i] & 0xFF);
        }
        return id;
    }

    private static ImageResult one(Path file, Options options, Watermarker wm, List<Attacks.Attack> attacks,
                                   PrintStream out) {
        ImageResult r = new ImageResult();
        Path rel = options.images().relativize(file);
        r.name = rel.toString();
        r.split = rel.getNameCount() > 1 ? rel.getName(0).toString() : "all";
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean png = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
        BufferedImage original = Attacks.decode(bytes);
        r.width = original.getWidth();
        r.height = original.getHeight();
        long id = idFor(r.name);
        int[] bits = new int[48];
        for (int i = 0; i < 48; i++) {
            bits[i] = (int) ((id >>> (47 - i)) & 1);
        }
        long seedBase = idFor(r.name + options.seed());

        long t0 = System.nanoTime();
        Embedded e = wm.embed(original, id, Optional.empty());
        r.embedMs = (System.nanoTime() - t0) / 1e6;
        r.psnr = e.psnr();
        r.ssim = Quality.ssim(original, e.marked());
        r.flatMax = Quality.maxDeltaInFlatBlocks(original, e.marked());
        r.gain = e.strength();
        r.chip = e.chipSize();
        BufferedImage stamped = png ? Attacks.png(e.marked()) : Attacks.jpeg(e.marked(), 95);
        long t1 = System.nanoTime();
        wm.detect(stamped);
        r.extractMs = (System.nanoTime() - t1) / 1e6;

        BufferedImage dwtStamped = null;
        BufferedImage dwtMarked = null;
        if ((long) r.width * r.height >= 256L * 256) {
            dwtMarked = DwtDct.encode(original, bits);
            r.dwtPsnr = Quality.psnr(original, dwtMarked);
            r.dwtSsim = Quality.ssim(original, dwtMarked);
            dwtStamped = png ? Attacks.png(dwtMarked) : Attacks.jpeg(dwtMarked, 95);
        }

        // the marked pixels themselves, before any file is written: the baseline's best case
        Watermarker.Analysis direct = wm.analyze(e.marked(), id);
        r.pss.put(PIXELS, new Outcome(direct.detection().map(d -> d.payloadId() == id).orElse(false),
                Double.isNaN(direct.rawBitAccuracy()) ? 0.5 : direct.rawBitAccuracy()));
        if (dwtMarked != null) {
            r.dwt.put(PIXELS, score(DwtDct.decode(dwtMarked, 48), bits));
        }
        r.falsePss.put(PIXELS, wm.detect(original).isPresent());
        int[] originalBits = DwtDct.decode(original, 48);
        r.falseDwt.put(PIXELS, originalBits != null && Arrays.equals(originalBits, bits));

        for (Attacks.Attack a : attacks) {
            long seed = seedBase ^ a.name().hashCode();
            BufferedImage attacked = a.apply(stamped, seed);
            Watermarker.Analysis an = wm.analyze(attacked, id);
            boolean ok = an.detection().isPresent() && an.detection().get().payloadId() == id;
            r.pss.put(a.name(), new Outcome(ok, Double.isNaN(an.rawBitAccuracy()) ? 0.5 : an.rawBitAccuracy()));

            if (dwtStamped != null) {
                int[] got = DwtDct.decode(a.apply(dwtStamped, seed), 48);
                r.dwt.put(a.name(), score(got, bits));
            }

            BufferedImage clean = a.apply(original, seed);
            r.falsePss.put(a.name(), wm.detect(clean).isPresent());
            int[] cleanBits = DwtDct.decode(clean, 48);
            r.falseDwt.put(a.name(), cleanBits != null && Arrays.equals(cleanBits, bits));
        }
        long ok = r.pss.values().stream().filter(Outcome::ok).count();
        out.printf(Locale.ROOT, "  %-48s %4dx%-4d PSNR %5.2f SSIM %.4f flat|dY| %.0f  recovered %d/%d%n", r.name,
                r.width, r.height, r.psnr, r.ssim, r.flatMax, ok, r.pss.size());
        return r;
    }

    private static Outcome score(int[] got, int[] want) {
        if (got == null) {
            return new Outcome(false, 0.5);
        }
        int same = 0;
        for (int i = 0; i < want.length; i++) {
            same += got[i] == want[i] ? 1 : 0;
        }
        return new Outcome(same == want.length, (double) same / want.length);
    }

    /**
     * Embed and extract times of the images of about one megapixel (0.8–1.3 MP), each embedded and its mark
     * extracted on one thread, 12 rounds of which the first 2 warm up: per-megapixel milliseconds {embed median,
     * extract median, embed+extract median, embed+extract minimum, images}.
     */
    private static double[] timeOneMegapixel(List<Path> files, Watermarker wm) throws IOException {
        List<BufferedImage> sample = new ArrayList<>();
        for (Path f : files) {
            BufferedImage im = Attacks.decode(Files.readAllBytes(f));
            double mp = im.getWidth() * (double) im.getHeight() / 1e6;
            if (mp >= 0.8 && mp <= 1.3 && sample.size() < 6) {
                sample.add(im);
            }
        }
        if (sample.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0};
        }
        List<Double> embed = new ArrayList<>();
        List<Double> extract = new ArrayList<>();
        List<Double> both = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            for (BufferedImage im : sample) {
                long t0 = System.nanoTime();
                Embedded e = wm.embed(im, 12345, Optional.empty());
                long t1 = System.nanoTime();
                wm.detect(e.marked());
                long t2 = System.nanoTime();
                if (round >= 2) {
                    double mp = im.getWidth() * (double) im.getHeight() / 1e6;
                    embed.add((t1 - t0) / 1e6 / mp);
                    extract.add((t2 - t1) / 1e6 / mp);
                    both.add((t2 - t0) / 1e6 / mp);
                }
            }
        }
        return new double[] {median(embed), median(extract), median(both),
                both.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN), sample.size()};
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? Double.NaN : a[a.length / 2];
    }

    // ---------------------------------------------------------------------------------------------------- report

    private static ObjectNode report(List<ImageResult> results, List<Attacks.Attack> singles,
                                     List<Attacks.Attack> pairs, double[] timing, Options options) {
        ObjectMapper mapper = Json.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("algorithm", Watermarker.ALGORITHM);
        root.put("version", Watermarker.VERSION);
        root.put("payloadBits", Watermarker.PAYLOAD_BITS);
        root.put("images", results.size());
        root.put("seed", options.seed());
        root.put("stampedFile", "PNG stays PNG; JPEG re-encoded at quality 95 (4:2:0); attacks start from it; "
                + "'" + PIXELS + "' is the marked image before any file is written");
        ObjectNode tm = root.putObject("trustmarkReference");
        tm.put("bitAccuracyLow", TRUSTMARK_LOW);
        tm.put("bitAccuracyHigh", TRUSTMARK_HIGH);
        tm.put("psnr", "43-45 dB");
        tm.put("source", "arXiv 2311.18297 Table 1 (variant Q, noised average); not run here");

        Map<String, List<ImageResult>> splits = new TreeMap<>();
        for (ImageResult r : results) {
            splits.computeIfAbsent(r.split, k -> new ArrayList<>()).add(r);
        }
        splits.put("all", results);

        ObjectNode quality = root.putObject("quality");
        for (Map.Entry<String, List<ImageResult>> s : splits.entrySet()) {
            ObjectNode q = quality.putObject(s.getKey());
            q.put("images", s.getValue().size());
            q.put("psnrMin", round(s.getValue().stream().mapToDouble(r -> r.psnr).min().orElse(Double.NaN)));
            q.put("psnrMean", round(s.getValue().stream().mapToDouble(r -> r.psnr).average().orElse(Double.NaN)));
            q.put("ssimMin", round(s.getValue().stream().mapToDouble(r -> r.ssim).min().orElse(Double.NaN)));
            q.put("ssimMean", round(s.getValue().stream().mapToDouble(r -> r.ssim).average().orElse(Double.NaN)));
            q.put("flatMaxDeltaY", s.getValue().stream().mapToDouble(r -> r.flatMax).max().orElse(Double.NaN));
            q.put("dwtDctPsnrMean", round(s.getValue().stream().filter(r -> !Double.isNaN(r.dwtPsnr))
                    .mapToDouble(r -> r.dwtPsnr).average().orElse(Double.NaN)));
            q.put("dwtDctSsimMean", round(s.getValue().stream().filter(r -> !Double.isNaN(r.dwtSsim))
                    .mapToDouble(r -> r.dwtSsim).average().orElse(Double.NaN)));
        }

        timingNode(root, timing, results);

        ObjectNode fp = root.putObject("falseDetections");
        long checked = results.stream().mapToLong(r -> r.falsePss.size()).sum();
        fp.put("unmarkedImagesChecked", checked);
        fp.put("pss", results.stream().mapToLong(r -> r.falsePss.values().stream().filter(b -> b).count()).sum());
        fp.put("dwtDct", results.stream().mapToLong(r -> r.falseDwt.values().stream().filter(b -> b).count()).sum());
        fp.put("dwtDctNote", "dwtDct has no check value: counted when the decoded 48 bits equal the image's id");

        for (Map.Entry<String, List<ImageResult>> s : splits.entrySet()) {
            ObjectNode block = root.putObject("attacks-" + s.getKey());
            block.set(PIXELS, attackNode(mapper, s.getValue(), PIXELS, false));
            for (Attacks.Attack a : singles) {
                block.set(a.name(), attackNode(mapper, s.getValue(), a.name(), false));
            }
            for (Attacks.Attack a : pairs) {
                block.set(a.name(), attackNode(mapper, s.getValue(), a.name(), true));
            }
            ObjectNode summary = root.putObject("summary-" + s.getKey());
            summary.put("worstSingleRecovery", round(singles.stream().filter(a -> !Attacks.isStretch(a.name()))
                    .mapToDouble(a -> rate(s.getValue(), a.name())).min().orElse(Double.NaN)));
            summary.put("worstPairRecovery", round(pairs.stream().mapToDouble(a -> rate(s.getValue(), a.name()))
                    .min().orElse(Double.NaN)));
            summary.put("meanPairRecovery", round(pairs.stream().mapToDouble(a -> rate(s.getValue(), a.name()))
                    .average().orElse(Double.NaN)));
        }

        ArrayNode per = root.putArray("images-detail");
        for (ImageResult r : results) {
            ObjectNode n = per.addObject();
            n.put("name", r.name);
            n.put("split", r.split);
            n.put("width", r.width);
            n.put("height", r.height);
            n.put("psnr", round(r.psnr));
            n.put("ssim", round(r.ssim));
            n.put("flatMaxDeltaY", r.flatMax);
            n.put("gain", round(r.gain));
            n.put("chip", r.chip);
            n.put("dwtDctPsnr", round(r.dwtPsnr));
            n.put("dwtDctSsim", round(r.dwtSsim));
            ArrayNode failed = n.putArray("pssFailed");
            r.pss.forEach((k, v) -> {
                if (!v.ok()) {
                    failed.add(k);
                }
            });
        }
        return root;
    }

    private static void timingNode(ObjectNode root, double[] timing, List<ImageResult> results) {
        ObjectNode t = root.putObject("timing");
        t.put("embedMsPerMegapixel", round(timing[0]));
        t.put("extractMsPerMegapixel", round(timing[1]));
        t.put("embedPlusExtractMsPerMegapixel", round(timing[2]));
        t.put("embedPlusExtractMsPerMegapixelMin", round(timing[3]));
        t.put("cores", Runtime.getRuntime().availableProcessors());
        t.put("measuredOn", (int) timing[4] + " images of 0.8-1.3 MP, one image at a time (on the spare cores), "
                + "10 rounds after 2 warm-up rounds; median and minimum per megapixel");
        if (!results.isEmpty()) {
            t.put("inBenchEmbedMsPerMegapixelMedian", round(median(results.stream()
                    .map(r -> r.embedMs / (r.width * (double) r.height / 1e6)).toList())));
            t.put("inBenchExtractMsPerMegapixelMedian", round(median(results.stream()
                    .map(r -> r.extractMs / (r.width * (double) r.height / 1e6)).toList())));
        }
    }

    private static void printTiming(ObjectNode report, PrintStream out) {
        var t = report.get("timing");
        out.printf(Locale.ROOT, "Time per megapixel (one image at a time, warmed up): embed %.1f ms + extract %.1f ms; "
                        + "embed+extract median %.1f ms, best %.1f ms%n", t.get("embedMsPerMegapixel").asDouble(),
                t.get("extractMsPerMegapixel").asDouble(), t.get("embedPlusExtractMsPerMegapixel").asDouble(),
                t.get("embedPlusExtractMsPerMegapixelMin").asDouble());
    }

    private static double rate(List<ImageResult> rs, String attack) {
        return rs.stream().filter(r -> r.pss.containsKey(attack)).mapToDouble(r -> r.pss.get(attack).ok() ? 1 : 0)
                .average().orElse(Double.NaN);
    }

    private static ObjectNode attackNode(ObjectMapper mapper, List<ImageResult> rs, String attack, boolean pair) {
        ObjectNode n = mapper.createObjectNode();
        n.put("pair", pair);
        n.put("stretch", Attacks.isStretch(attack));
        n.put("images", rs.size());
        double pssRate = rate(rs, attack);
        double pssAcc = rs.stream().mapToDouble(r -> r.pss.get(attack).bitAccuracy()).average().orElse(Double.NaN);
        n.put("pssRecovery", round(pssRate));
        n.put("pssRawBitAccuracy", round(pssAcc));
        List<ImageResult> withDwt = rs.stream().filter(r -> r.dwt.containsKey(attack)).toList();
        n.put("dwtDctImages", withDwt.size());
        n.put("dwtDctRecovery", round(withDwt.stream().mapToDouble(r -> r.dwt.get(attack).ok() ? 1 : 0)
                .average().orElse(Double.NaN)));
        n.put("dwtDctBitAccuracy", round(withDwt.stream().mapToDouble(r -> r.dwt.get(attack).bitAccuracy())
                .average().orElse(Double.NaN)));
        n.put("pssFalseDetections", rs.stream().filter(r -> r.falsePss.get(attack)).count());
        n.put("dwtDctFalseDetections", rs.stream().filter(r -> r.falseDwt.getOrDefault(attack, false)).count());
        n.put("rawBitAccuracyMinusTrustmark095", round(pssAcc - TRUSTMARK_LOW));
        return n;
    }

    private static double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? v : Math.round(v * 10000) / 10000.0;
    }

    // ----------------------------------------------------------------------------------------------------- print

    private static void print(ObjectNode report, PrintStream out) {
        out.println();
        ObjectNode quality = (ObjectNode) report.get("quality");
        out.println("Invisibility (PSS marked vs original, native resolution; dwtDct for comparison)");
        quality.fields().forEachRemaining(e -> {
            var q = e.getValue();
            out.printf(Locale.ROOT, "  %-8s n=%-3d PSNR min %.2f mean %.2f | SSIM min %.4f mean %.4f | "
                            + "flat max|dY| %.0f | dwtDct PSNR %.2f SSIM %.4f%n", e.getKey(), q.get("images").asInt(),
                    q.get("psnrMin").asDouble(), q.get("psnrMean").asDouble(), q.get("ssimMin").asDouble(),
                    q.get("ssimMean").asDouble(), q.get("flatMaxDeltaY").asDouble(),
                    q.get("dwtDctPsnrMean").asDouble(), q.get("dwtDctSsimMean").asDouble());
        });
        printTiming(report, out);
        var fp = report.get("falseDetections");
        out.printf(Locale.ROOT, "False detections on unmarked originals and their attacked versions: PSS %d / %d, "
                + "dwtDct %d / %d%n", fp.get("pss").asLong(), fp.get("unmarkedImagesChecked").asLong(),
                fp.get("dwtDct").asLong(), fp.get("unmarkedImagesChecked").asLong());
        report.fieldNames().forEachRemaining(name -> {
            if (!name.startsWith("attacks-")) {
                return;
            }
            String split = name.substring("attacks-".length());
            out.println();
            out.printf(Locale.ROOT, "Attacks, split '%s' (recovery = exact 48-bit id; bit acc. = raw, before error "
                    + "correction)%n", split);
            out.printf(Locale.ROOT, "  %-44s %8s %9s %8s | %8s %9s%n", "attack", "PSS rec", "bit acc",
                    "vs TM.95", "dwtDct", "bit acc");
            report.get(name).fields().forEachRemaining(e -> {
                var a = e.getValue();
                out.printf(Locale.ROOT, "  %-44s %7.1f%% %9.3f %+8.3f | %7.1f%% %9.3f%s%n", e.getKey(),
                        100 * a.get("pssRecovery").asDouble(), a.get("pssRawBitAccuracy").asDouble(),
                        a.get("rawBitAccuracyMinusTrustmark095").asDouble(),
                        100 * a.get("dwtDctRecovery").asDouble(), a.get("dwtDctBitAccuracy").asDouble(),
                        a.get("stretch").asBoolean() ? "  (stretch goal)" : "");
            });
            var s = report.get("summary-" + split);
            out.printf(Locale.ROOT, "  worst single (without rotation) %.1f%%, worst pair %.1f%%, mean pair %.1f%%%n",
                    100 * s.get("worstSingleRecovery").asDouble(), 100 * s.get("worstPairRecovery").asDouble(),
                    100 * s.get("meanPairRecovery").asDouble());
        });
    }
}
