package io.credmark.bench;

import io.credmark.app.Credmark;
import io.credmark.bench.BenchCommand.Timing;
import io.credmark.issuance.StampRequest;
import io.credmark.verification.VerifyService;
import java.awt.image.BufferedImage;
import java.io.PrintStream;

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
        Timing onStamped = BenchCommand.time(seconds, () -> verifyAndSearch(verify, stamped));
        Timing onStripped = BenchCommand.time(seconds, () -> verifyAndSearch(verify, stripped));
        Timing onUnmarked = BenchCommand.time(seconds, () -> verifyAndSearch(verify, unmarked));
        out.printf("%-18s verify + watermark search, ms/MP (CPU ms/MP): stamped %6.1f (%6.1f)  stripped %6.1f (%6.1f,"
                        + " %s)  unmarked %6.1f (%6.1f)%n", name, onStamped.medianMs() / megapixels,
                onStamped.cpuMs() / megapixels, onStripped.medianMs() / megapixels, onStripped.cpuMs() / megapixels,
                found ? "found" : "NOT FOUND", onUnmarked.medianMs() / megapixels, onUnmarked.cpuMs() / megapixels);
    }

    private static void verifyAndSearch(VerifyService verify, byte[] file) {
        verify.verify(file);
        verify.scanWatermark(file);
    }

    private static double megapixels(byte[] file) {
        BufferedImage image = Attacks.decode(file);
        return image.getWidth() * (double) image.getHeight() / 1e6;
    }

    /** The file's pixels saved again by ImageIO in the same format (JPEG at quality 90): no metadata is kept. */
    private static byte[] resave(byte[] file, String format) {
        BufferedImage image = Attacks.decode(file);
        return format.equals("png") ? Attacks.encodePng(image) : Attacks.encodeJpeg(image, 90);
    }
}
