package io.credmark.pixels.marker;

import java.util.Locale;
import java.util.Objects;

/**
 * How the visible attribution mark is drawn (stamp option {@code marker}).
 *
 * @param enabled  whether a mark is drawn at all
 * @param position the corner, as the image is displayed (after its EXIF orientation)
 * @param margin   pixels between the mark and the image edges; {@link #AUTO_MARGIN} for 40 % of the mark's height
 *                 (at least 4 px)
 * @param size     the mark's height as a fraction of the image's shorter side, 0 &lt; size ≤ 0.25; the height is
 *                 never below {@link #MIN_SIZE_PX}
 * @param style    light (a light badge with dark content), dark, or auto (chosen from the image under the mark)
 * @param label    what the label says: nothing, the creator's handle, or the model's name
 */
public record MarkerOptions(boolean enabled, Position position, int margin, double size, Style style, Label label) {

    /** The default height: 4 % of the shorter side. */
    public static final double DEFAULT_SIZE = 0.04;
    /** The smallest height in pixels, the default size of the Content Credentials pin component. */
    public static final int MIN_SIZE_PX = 24;
    /** The margin is derived from the mark's height. */
    public static final int AUTO_MARGIN = -1;

    /** A corner of the displayed image. */
    public enum Position {
        TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT;

        /** Parses {@code top-left}, {@code TOP_RIGHT}, {@code bottom left} and the like. */
        public static Position parse(String s) {
            return Enum.valueOf(Position.class, constant(s));
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The colour scheme; a drawn mark is always {@link #LIGHT} or {@link #DARK}. */
    public enum Style {
        /** A light badge with dark content, for dark surroundings. */
        LIGHT,
        /** A dark badge with light content, for light surroundings. */
        DARK,
        /** Whichever of the two stands out more from the pixels under and around the mark. */
        AUTO;

        public static Style parse(String s) {
            return Enum.valueOf(Style.class, constant(s));
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which text the label shows. */
    public enum Label {
        NONE, CREATOR, MODEL;

        public static Label parse(String s) {
            return Enum.valueOf(Label.class, constant(s));
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MarkerOptions {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(label, "label");
        if (margin < AUTO_MARGIN) {
            throw new IllegalArgumentException("margin must be at least 0 (or AUTO_MARGIN), not " + margin);
        }
        if (!(size > 0 && size <= 0.25)) {
            throw new IllegalArgumentException("size must be a fraction in (0, 0.25], not " + size);
        }
    }

    /** Enabled, bottom-right, automatic margin, 4 %, automatic style, the creator's handle as label. */
    public static MarkerOptions defaults() {
        return new MarkerOptions(true, Position.BOTTOM_RIGHT, AUTO_MARGIN, DEFAULT_SIZE, Style.AUTO, Label.CREATOR);
    }

    /** No mark. */
    public static MarkerOptions disabled() {
        return defaults().withEnabled(false);
    }

    public MarkerOptions withEnabled(boolean v) {
        return new MarkerOptions(v, position, margin, size, style, label);
    }

    public MarkerOptions withPosition(Position v) {
        return new MarkerOptions(enabled, v, margin, size, style, label);
    }

    public MarkerOptions withMargin(int v) {
        return new MarkerOptions(enabled, position, v, size, style, label);
    }

    public MarkerOptions withSize(double v) {
        return new MarkerOptions(enabled, position, margin, v, style, label);
    }

    public MarkerOptions withStyle(Style v) {
        return new MarkerOptions(enabled, position, margin, size, v, label);
    }

    public MarkerOptions withLabel(Label v) {
        return new MarkerOptions(enabled, position, margin, size, style, v);
    }

    /** The label text these options ask for, given the creator's handle and the model's name (either may be null). */
    public String labelText(String creatorHandle, String modelName) {
        String s = switch (label) {
            case NONE -> null;
            case CREATOR -> creatorHandle;
            case MODEL -> modelName;
        };
        return s == null ? "" : s;
    }

    private static String constant(String s) {
        return s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }
}
