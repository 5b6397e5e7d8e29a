package io.credmark.pixels.png;

import java.util.Set;

/**
 * Which chunks of a PNG survive a change of its pixels.
 *
 * <ul>
 *   <li>Kept byte for byte, in their places: every chunk of the PNG specification (third edition) and its registered
 *       extensions whose meaning does not depend on the sample values: text (tEXt, zTXt, iTXt, including XMP and
 *       generator parameters), colour (iCCP, gAMA, cHRM, sRGB, cICP, mDCv, cLLI, sBIT), tRNS, bKGD, hIST, pHYs,
 *       sPLT, eXIf, tIME, oFFs, pCAL, sCAL, sTER, the GIF chunks; and every unknown chunk marked safe to copy.</li>
 *   <li>Dropped: {@code caBX} (the C2PA layer writes the new store); {@code dSIG} (a signature over the old file);
 *       and unknown chunks marked unsafe to copy, which PNG spec §14.2 forbids copying once the image data changed
 *       (Apple's {@code iDOT}, for instance, holds IDAT offsets that would point to the wrong bytes).</li>
 * </ul>
 */
final class PngChunks {

    static final Set<String> CRITICAL = Set.of("IHDR", "PLTE", "IDAT", "IEND");

    static final Set<String> KNOWN_ANCILLARY = Set.of(
            "tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCv", "cLLI",
            "tEXt", "zTXt", "iTXt", "bKGD", "hIST", "pHYs", "sPLT", "eXIf", "tIME",
            "oFFs", "pCAL", "sCAL", "sTER", "gIFg", "gIFx", "gIFt");

    static final Set<String> DROPPED = Set.of("caBX", "dSIG");

    private PngChunks() {
    }

    /** Whether an ancillary chunk is copied to a PNG whose image data changed. */
    static boolean keep(String type) {
        if (DROPPED.contains(type)) {
            return false;
        }
        if (KNOWN_ANCILLARY.contains(type)) {
            return true;
        }
        return safeToCopy(type);
    }

    /** PNG spec §5.4: bit 5 of the fourth type byte (a lower-case letter) marks a chunk safe to copy. */
    static boolean safeToCopy(String type) {
        return Character.isLowerCase(type.charAt(3));
    }
}
