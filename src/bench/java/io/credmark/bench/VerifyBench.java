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
        double ms = BenchCommand.measure(seconds, () -> verifyAndSearch(verify, stamped));
        double msStripped = BenchCommand.measure(seconds, () -> verifyAndSearch(verify, stripped));
        double msUnmarked = BenchCommand.measure(seconds, () -> verifyAndSearch(verify, unmarked));
        out.printf("%-18s verify + watermark search, ms/MP: stamped %7.1f  stripped %7.1f (%s)  unmarked %7.1f%n",
                name, ms / megapixels, msStripped / megapixels, found ? "found" : "NOT FOUND",
                msUnmarked / megapixels);
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
