package io.credmark.pixels.watermark;

/**
 * A lattice in working-grid pixels: periods px and py along axes rotated by theta (radians), so the tile phase
 * of pixel (x, y) is u = (x cos θ + y sin θ) / px, v = (−x sin θ + y cos θ) / py.
 */
record Lattice(double px, double py, double theta, double score) {

    /** Tile phase (in tiles) as a linear map of the working-grid position: u = a·x + b·y, v = c·x + d·y. */
    record Phase(double a, double b, double c, double d) {
    }

    Phase phase() {
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        return new Phase(c / px, s / px, -s / py, c / py);
    }
}
