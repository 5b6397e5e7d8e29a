package io.credmark.c2pa.assertion;

/** IPTC digital source types (http://cv.iptc.org/newscodes/digitalsourcetype/) that credmark writes or names. */
public final class DigitalSourceType {

    private DigitalSourceType() {
    }

    private static final String IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/";

    public static final String TRAINED_ALGORITHMIC_MEDIA = IPTC + "trainedAlgorithmicMedia";
    public static final String COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA = IPTC + "compositeWithTrainedAlgorithmicMedia";
    public static final String DIGITAL_CAPTURE = IPTC + "digitalCapture";

    /** The last path segment, e.g. {@code trainedAlgorithmicMedia}, for display. */
    public static String term(String uri) {
        int slash = uri == null ? -1 : uri.lastIndexOf('/');
        return slash < 0 ? uri : uri.substring(slash + 1);
    }
}
