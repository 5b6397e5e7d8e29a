package io.credmark.bench;

import io.credmark.app.Credmark;
import io.credmark.issuance.StampRequest;
import io.credmark.verification.VerifyService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The verify half of {@code bench stamp}: verification plus the watermark search (what {@code /v1/verify} does for
 * any file other than the one issued), per megapixel, for the stamped file, a stripped copy of it (its pixels
 * re-saved without metadata, as a site that re-saves uploads does) and the unmarked input (the full search, which
 * finds nothing).
 */
final class VerifyBench {

    private VerifyBench() {
    }

    /** Stamps {@code request} and prints the three verify figures for its image. */
    static void print(Credmark credmark, String name, StampRequest request, String format, double seconds,
                      PrintStream out) {
        VerifyService verify = credmark.verification();
        byte[] unmarked = request.image();
        byte[] stamped = credmark.stamping().stamp(request).toByteArray();
        byte[] stripped = resave(stamped, format);
        boolean found = verify.scanWatermark(stripped).detection().isPresent();
        double megapixels = megapixels(unmarked);
        double[] ms = measure(seconds, () -> verifyAndSearch(verify, stamped));
        double[] msStripped = measure(seconds, () -> verifyAndSearch(verify, stripped));
        double[] msUnmarked = measure(seconds, () -> verifyAndSearch(verify, unmarked));
        out.printf("%-18s verify + watermark search, ms/MP (CPU ms/MP): stamped %6.1f (%6.1f)  stripped %6.1f (%6.1f,"
                        + " %s)  unmarked %6.1f (%6.1f)%n", name, ms[0] / megapixels, ms[1] / megapixels,
                msStripped[0] / megapixels, msStripped[1] / megapixels, found ? "found" : "NOT FOUND",
                msUnmarked[0] / megapixels, msUnmarked[1] / megapixels);
    }

    /**
     * After a warm-up, the median wall-clock milliseconds of {@code op} and the mean CPU milliseconds of the thread
     * running it, which a machine shared with other work inflates far less.
     */
    private static double[] measure(double seconds, Runnable op) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        List<Double> wall = new ArrayList<>();
        long cpu = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || wall.size() < 5) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            op.run();
            wall.add((System.nanoTime() - t) / 1e6);
            cpu += threads.getCurrentThreadCpuTime() - c;
        }
        Collections.sort(wall);
        return new double[] {wall.get(wall.size() / 2), cpu / 1e6 / wall.size()};
    }

    private static void verifyAndSearch(VerifyService verify, byte[] file) {
        verify.verify(file);
        verify.scanWatermark(file);
    }

    private static double megapixels(byte[] file) {
        BufferedImage image = read(file);
        return image.getWidth() * (double) image.getHeight() / 1e6;
    }

    /** The file's pixels saved again by ImageIO in the same format (JPEG at quality 0.9): no metadata is kept. */
    private static byte[] resave(byte[] file, String format) {
        BufferedImage image = read(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format.equals("png")) {
                ImageIO.write(image, "png", out);
            } else {
                ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.9f);
                try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(image, null, null), param);
                }
                writer.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage read(byte[] file) {
        try {
            return ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
