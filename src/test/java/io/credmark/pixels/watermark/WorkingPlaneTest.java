package io.credmark.pixels.watermark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.credmark.pixels.Orientation;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorkingPlaneTest {

    private static BufferedImage noise(int w, int h, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        Random random = new Random(w * 31L + h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    @Test
    void aLargeImageIsReducedStripByStripExactlyAsTheWholePlaneWouldBe() {
        for (int[] size : new int[][] {{2500, 1300, BufferedImage.TYPE_3BYTE_BGR}, {1100, 3000,
                BufferedImage.TYPE_INT_RGB}, {1025, 1025, BufferedImage.TYPE_INT_ARGB}}) {
            BufferedImage image = noise(size[0], size[1], size[2]);
            LumaImage plane = WorkingPlane.of(image);
            double f = (double) PssDetector.WORK_MAX / Math.max(size[0], size[1]);
            int ww = (int) Math.round(size[0] * f);
            int wh = (int) Math.round(size[1] * f);
            assertEquals(ww, plane.width);
            assertEquals(wh, plane.height);
            float[] whole = ImageOps.resample(LumaImage.of(image).y, size[0], size[1], ww, wh);
            assertArrayEquals(whole, plane.y, size[0] + "x" + size[1]);
        }
    }

    @Test
    void anImageWithinTheBoundIsSearchedAtFullResolution() {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB_PRE,
                BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY}) {
            BufferedImage image = noise(1024, 600, type);
            LumaImage plane = WorkingPlane.of(image);
            assertEquals(1024, plane.width);
            assertArrayEquals(LumaImage.of(image).y, plane.y, "type " + type);
            BufferedImage part = image.getSubimage(100, 50, 700, 400);
            assertArrayEquals(LumaImage.of(part).y, WorkingPlane.of(part).y, "part of type " + type);
        }
    }

    @Test
    void thePlaneTurnedIsThePlaneOfTheImageAsDisplayed() {
        BufferedImage stored = noise(300, 200, BufferedImage.TYPE_3BYTE_BGR);
        LumaImage plane = WorkingPlane.of(stored);
        assertSame(plane, WorkingPlane.turned(plane, Orientation.NORMAL));
        for (Orientation o : Orientation.values()) {
            LumaImage turned = WorkingPlane.turned(plane, o);
            LumaImage displayed = LumaImage.of(o.display(stored));
            assertEquals(displayed.width, turned.width, o.name());
            assertArrayEquals(displayed.y, turned.y, o.name());
        }
    }
}
