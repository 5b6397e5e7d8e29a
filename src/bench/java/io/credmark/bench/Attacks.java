package io.credmark.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The benchmark's image transformations. Resizing is antialiased like Pillow's (the filter widens by the shrink
 * factor); JPEG goes through the ImageIO encoder (baseline, 4:2:0) and decoder; every other result is written
 * and read back as PNG, so each attacked image is a real file's pixels.
 */
public final class Attacks {

    private Attacks() {
    }

    /** A named transformation; {@code seed} drives random choices (crop offsets, noise). */
    public record Attack(String name, Op op) {
        public BufferedImage apply(BufferedImage image, long seed) {
            return op.apply(image, new Random(seed));
        }
    }

    @FunctionalInterface
    public interface Op {
        BufferedImage apply(BufferedImage image, Random random);
    }

    /** The single attacks, in report order. */
    public static List<Attack> singles() {
        List<Attack> a = new ArrayList<>();
        a.add(new Attack("none", (im, r) -> im));
        for (int q : new int[] {90, 75, 50}) {
            a.add(new Attack("jpeg" + q, (im, r) -> jpeg(im, q)));
        }
        for (double s : new double[] {0.5, 0.75, 1.5}) {
            a.add(new Attack("resize" + fmt(s) + "-bilinear", (im, r) -> png(resize(im, s, s, Filter.BILINEAR))));
            a.add(new Attack("resize" + fmt(s) + "-bicubic", (im, r) -> png(resize(im, s, s, Filter.BICUBIC))));
        }
        a.add(new Attack("crop60", (im, r) -> png(crop(im, 0.6, r))));
        a.add(new Attack("crop80", (im, r) -> png(crop(im, 0.8, r))));
        a.add(new Attack("social", (im, r) -> social(im)));
        a.add(new Attack("screenshot", (im, r) -> png(resize(im, 0.8, 0.8, Filter.BILINEAR))));
        a.add(new Attack("brightness+20", (im, r) -> png(pointwise(im, v -> v * 1.2))));
        a.add(new Attack("brightness-20", (im, r) -> png(pointwise(im, v -> v * 0.8))));
        a.add(new Attack("contrast0.8", (im, r) -> png(contrast(im, 0.8))));
        a.add(new Attack("contrast1.2", (im, r) -> png(contrast(im, 1.2))));
        a.add(new Attack("blur1", (im, r) -> png(blur(im, 1.0))));
        a.add(new Attack("noise5", (im, r) -> png(noise(im, 5, r))));
        a.add(new Attack("aspect0.9x", (im, r) -> png(resize(im, 0.9, 1.0, Filter.BICUBIC))));
        a.add(new Attack("aspect0.9y", (im, r) -> png(resize(im, 1.0, 0.9, Filter.BICUBIC))));
        a.add(new Attack("rotate1", (im, r) -> png(rotate(im, 1))));
        a.add(new Attack("rotate2", (im, r) -> png(rotate(im, 2))));
        return a;
    }

    /** Attacks whose single results count towards the goal (rotation is a stretch goal, reported apart). */
    public static boolean isStretch(String name) {
        return name.startsWith("rotate");
    }

    /**
     * Two-attack combinations: every pair of the representatives below (one per family, 45 pairs), the first
     * applied first. JPEG is moved last in a pair, as it would be in practice.
     */
    public static List<Attack> pairs() {
        List<Attack> reps = new ArrayList<>();
        for (Attack a : singles()) {
            switch (a.name()) {
                case "jpeg75", "resize0.75-bicubic", "resize0.5-bilinear", "crop80", "social", "brightness+20",
                        "contrast0.8", "blur1", "noise5", "aspect0.9y" -> reps.add(a);
                default -> {
                }
            }
        }
        List<Attack> out = new ArrayList<>();
        for (int i = 0; i < reps.size(); i++) {
            for (int j = i + 1; j < reps.size(); j++) {
                Attack first = reps.get(i);
                Attack second = reps.get(j);
                if (first.name().startsWith("jpeg") || first.name().equals("social")) {
                    Attack t = first;
                    first = second;
                    second = t;
                }
                Attack f = first;
                Attack s = second;
                out.add(new Attack(f.name() + "+" + s.name(), (im, r) -> s.op().apply(f.op().apply(im, r), r)));
            }
        }
        return out;
    }

    private static String fmt(double s) {
        return s == Math.rint(s) ? String.valueOf((int) s) : String.valueOf(s);
    }

    // ------------------------------------------------------------------------------------------------ encoders

    public static byte[] encodeJpeg(BufferedImage image, int quality) {
        BufferedImage rgb = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? image : toRgb(image);
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(rgb, null, null), param);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] encodePng(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage im = ImageIO.read(new ByteArrayInputStream(bytes));
            if (im == null) {
                throw new IOException("unreadable image");
            }
            return im;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage jpeg(BufferedImage image, int quality) {
        return decode(encodeJpeg(image, quality));
    }

    public static BufferedImage png(BufferedImage image) {
        return decode(encodePng(image));
    }

    static BufferedImage social(BufferedImage image) {
        double s = 1080.0 / Math.max(image.getWidth(), image.getHeight());
        return jpeg(resize(image, s, s, Filter.BICUBIC), 80);
    }

    // --------------------------------------------------------------------------------------- pixel operations

    private static boolean isGray(BufferedImage im) {
        return im.getType() == BufferedImage.TYPE_BYTE_GRAY;
    }

    static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        int w = image.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** Planes (1 for grey, 3 for RGB) as floats. */
    private static float[][] planes(BufferedImage im) {
        int w = im.getWidth();
        int h = im.getHeight();
        if (isGray(im)) {
            float[] g = new float[w * h];
            int[] px = im.getRaster().getPixels(0, 0, w, h, (int[]) null);
            for (int i = 0; i < g.length; i++) {
                g[i] = px[i];
            }
            return new float[][] {g};
        }
        float[][] p = new float[3][w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            im.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int c = row[x];
                p[0][y * w + x] = (c >> 16) & 0xFF;
                p[1][y * w + x] = (c >> 8) & 0xFF;
                p[2][y * w + x] = c & 0xFF;
            }
        }
        return p;
    }

    private static BufferedImage fromPlanes(float[][] p, int w, int h) {
        if (p.length == 1) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            int[] px = new int[w * h];
            for (int i = 0; i < px.length; i++) {
                px[i] = clamp(p[0][i]);
            }
            out.getRaster().setPixels(0, 0, w, h, px);
            return out;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                row[x] = (clamp(p[0][i]) << 16) | (clamp(p[1][i]) << 8) | clamp(p[2][i]);
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    private static int clamp(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : Math.min(255, i);
    }

    static BufferedImage pointwise(BufferedImage im, UnaryOperator<Double> f) {
        float[][] p = planes(im);
        for (float[] c : p) {
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) (double) f.apply((double) c[i]);
            }
        }
        return fromPlanes(p, im.getWidth(), im.getHeight());
    }

    /** Pillow's ImageEnhance.Contrast: blend with the mean luminance. */
    static BufferedImage contrast(BufferedImage im, double factor) {
        float[][] p = planes(im);
        double mean = 0;
        int n = p[0].length;
        for (int i = 0; i < n; i++) {
            mean += p.length == 1 ? p[0][i] : 0.299 * p[0][i] + 0.587 * p[1][i] + 0.114 * p[2][i];
        }
        double m = Math.round(mean / n);
        for (float[] c : p) {
            for (int i = 0; i < n; i++) {
                c[i] = (float) (m + factor * (c[i] - m));
            }
        }
        return fromPlanes(p, im.getWidth(), im.getHeight());
    }

    static BufferedImage noise(BufferedImage im, double sigma, Random random) {
        float[][] p = planes(im);
        for (float[] c : p) {
            for (int i = 0; i < c.length; i++) {
                c[i] += (float) (random.nextGaussian() * sigma);
            }
        }
        return fromPlanes(p, im.getWidth(), im.getHeight());
    }

    static BufferedImage blur(BufferedImage im, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            sum += Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
        }
        int w = im.getWidth();
        int h = im.getHeight();
        float[][] p = planes(im);
        for (int c = 0; c < p.length; c++) {
            float[] src = p[c];
            float[] tmp = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int i = -r; i <= r; i++) {
                        s += k[i + r] * src[y * w + Math.max(0, Math.min(w - 1, x + i))];
                    }
                    tmp[y * w + x] = s;
                }
            }
            float[] out = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int i = -r; i <= r; i++) {
                        s += k[i + r] * tmp[Math.max(0, Math.min(h - 1, y + i)) * w + x];
                    }
                    out[y * w + x] = s;
                }
            }
            p[c] = out;
        }
        return fromPlanes(p, w, h);
    }

    /** Keeps {@code area} of the image (same aspect ratio) at a random offset. */
    static BufferedImage crop(BufferedImage im, double area, Random random) {
        int w = im.getWidth();
        int h = im.getHeight();
        double s = Math.sqrt(area);
        int cw = (int) Math.round(w * s);
        int ch = (int) Math.round(h * s);
        int x = random.nextInt(w - cw + 1);
        int y = random.nextInt(h - ch + 1);
        BufferedImage sub = im.getSubimage(x, y, cw, ch);
        BufferedImage out = new BufferedImage(cw, ch, isGray(im) ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB);
        if (isGray(im)) {
            out.getRaster().setPixels(0, 0, cw, ch, im.getRaster().getPixels(x, y, cw, ch, (int[]) null));
        } else {
            int[] row = new int[cw];
            for (int j = 0; j < ch; j++) {
                sub.getRGB(0, j, cw, 1, row, 0, cw);
                out.setRGB(0, j, cw, 1, row, 0, cw);
            }
        }
        return out;
    }

    /** Rotation about the centre, same canvas, bicubic, corners filled with black. */
    static BufferedImage rotate(BufferedImage im, double degrees) {
        int w = im.getWidth();
        int h = im.getHeight();
        BufferedImage src = isGray(im) ? im : toRgb(im);
        BufferedImage out = new BufferedImage(w, h, src.getType());
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, AffineTransform.getRotateInstance(Math.toRadians(degrees), w / 2.0, h / 2.0), null);
        g.dispose();
        return out;
    }

    enum Filter {
        BILINEAR(1) {
            @Override
            double eval(double x) {
                x = Math.abs(x);
                return x < 1 ? 1 - x : 0;
            }
        },
        BICUBIC(2) {
            @Override
            double eval(double x) {
                double a = -0.5;
                x = Math.abs(x);
                if (x < 1) {
                    return ((a + 2) * x - (a + 3)) * x * x + 1;
                }
                if (x < 2) {
                    return (((x - 5) * x + 8) * x - 4) * a;
                }
                return 0;
            }
        };

        final double support;

        Filter(double support) {
            this.support = support;
        }

        abstract double eval(double x);
    }

    /** Pillow-style separable resampling by (sx, sy); antialiased when shrinking. */
    static BufferedImage resize(BufferedImage im, double sx, double sy, Filter filter) {
        int w = im.getWidth();
        int h = im.getHeight();
        int nw = Math.max(1, (int) Math.round(w * sx));
        int nh = Math.max(1, (int) Math.round(h * sy));
        float[][] p = planes(im);
        float[][] out = new float[p.length][];
        for (int c = 0; c < p.length; c++) {
            float[] rows = new float[nw * h];
            resample1d(p[c], w, h, nw, filter, true, rows);
            float[] cols = new float[nw * nh];
            resample1d(rows, nw, h, nh, filter, false, cols);
            out[c] = cols;
        }
        return fromPlanes(out, nw, nh);
    }

    private static void resample1d(float[] src, int w, int h, int n, Filter f, boolean horizontal, float[] dst) {
        int len = horizontal ? w : h;
        double scale = (double) len / n;
        double fscale = Math.max(1, scale);
        double support = f.support * fscale;
        int lines = horizontal ? h : w;
        int outW = horizontal ? n : w;
        for (int i = 0; i < n; i++) {
            double center = (i + 0.5) * scale;
            int lo = (int) Math.max(0, Math.floor(center - support));
            int hi = (int) Math.min(len, Math.ceil(center + support));
            double[] wt = new double[hi - lo];
            double sum = 0;
            for (int k = lo; k < hi; k++) {
                wt[k - lo] = f.eval((k + 0.5 - center) / fscale);
                sum += wt[k - lo];
            }
            for (int k = 0; k < wt.length; k++) {
                wt[k] /= sum;
            }
            for (int line = 0; line < lines; line++) {
                double s = 0;
                for (int k = lo; k < hi; k++) {
                    s += wt[k - lo] * (horizontal ? src[line * w + k] : src[k * w + line]);
                }
                dst[horizontal ? line * outW + i : i * outW + line] = (float) s;
            }
        }
    }
}
