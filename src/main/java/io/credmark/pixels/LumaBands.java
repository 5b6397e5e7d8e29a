package io.credmark.pixels;

/**
 * An image's luminance, read band by band of rows so that a reader of a large image never holds its whole plane:
 * samples 0..255 on the JPEG/Rec. 601 scale (Y = 0.299 R + 0.587 G + 0.114 B), row-major, {@link #width()} a row.
 */
public interface LumaBands {

    int width();

    int height();

    /** The EXIF orientation viewers show the image in (the rows are as stored); normal where none is known. */
    default Orientation orientation() {
        return Orientation.NORMAL;
    }

    /** Hands every row to {@code sink}, top to bottom, in bands of consecutive rows. */
    void read(Sink sink);

    /** Receives one band: {@code rows} rows from row {@code y0}, in {@code samples} from index 0. */
    @FunctionalInterface
    interface Sink {
        void accept(float[] samples, int y0, int rows);
    }
}
