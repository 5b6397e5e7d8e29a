package io.credmark.pixels.jpeg;

/**
 * The geometry and quantized DCT coefficients of a JPEG frame (ITU T.81 §A.2): per component a grid of 8×8 blocks
 * covering whole MCUs, coefficients in natural (row) order, 64 per block.
 */
final class JpegFrame {

    final int width;
    final int height;
    final Component[] components;
    final int hmax;
    final int vmax;
    /** MCUs per row and per column of an interleaved scan; also the grid of change-tracking units. */
    final int mcusX;
    final int mcusY;

    static final class Component {
        final int id;
        final int h;
        final int v;
        final int tq;
        /** Blocks per row and rows of blocks, padded to whole MCUs. */
        final int blocksW;
        final int blocksH;
        /** Blocks per row and rows of blocks a non-interleaved scan covers (no MCU padding). */
        final int scanBlocksW;
        final int scanBlocksH;
        final short[] coefficients;

        Component(int id, int h, int v, int tq, int blocksW, int blocksH, int scanBlocksW, int scanBlocksH) {
            this.id = id;
            this.h = h;
            this.v = v;
            this.tq = tq;
            this.blocksW = blocksW;
            this.blocksH = blocksH;
            this.scanBlocksW = scanBlocksW;
            this.scanBlocksH = scanBlocksH;
            this.coefficients = new short[Math.multiplyExact(Math.multiplyExact(blocksW, blocksH), 64)];
        }

        int blockOffset(int bx, int by) {
            return (by * blocksW + bx) * 64;
        }
    }

    /** @param spec per component {id, H, V, Tq} */
    JpegFrame(int width, int height, int[][] spec) {
        this.width = width;
        this.height = height;
        int hm = 1;
        int vm = 1;
        for (int[] c : spec) {
            hm = Math.max(hm, c[1]);
            vm = Math.max(vm, c[2]);
        }
        this.hmax = hm;
        this.vmax = vm;
        this.mcusX = ceilDiv(width, 8 * hm);
        this.mcusY = ceilDiv(height, 8 * vm);
        this.components = new Component[spec.length];
        for (int i = 0; i < spec.length; i++) {
            int[] c = spec[i];
            int sw = ceilDiv(ceilDiv(width * c[1], hm), 8);
            int sh = ceilDiv(ceilDiv(height * c[2], vm), 8);
            components[i] = new Component(c[0], c[1], c[2], c[3], mcusX * c[1], mcusY * c[2], sw, sh);
        }
    }

    /** Whether every component's sampling divides the largest evenly (so a unit maps to whole blocks). */
    boolean integralSampling() {
        for (Component c : components) {
            if (hmax % c.h != 0 || vmax % c.v != 0) {
                return false;
            }
        }
        return true;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
