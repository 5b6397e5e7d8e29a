package io.credmark.c2pa.jumbf;

import java.util.UUID;

/** Description-box types used by C2PA (spec 2.2 §11.1, table "C2PA box details"). */
public final class JumbfUuids {

    private JumbfUuids() {
    }

    public static final UUID MANIFEST_STORE = c2pa("63327061");
    public static final UUID STANDARD_MANIFEST = c2pa("63326D61");
    public static final UUID UPDATE_MANIFEST = c2pa("6332756D");
    public static final UUID COMPRESSED_MANIFEST = c2pa("6332636D");
    public static final UUID ASSERTION_STORE = c2pa("63326173");
    public static final UUID CLAIM = c2pa("6332636C");
    public static final UUID SIGNATURE = c2pa("63326373");
    public static final UUID CBOR = c2pa("63626F72");
    public static final UUID JSON = c2pa("6A736F6E");
    public static final UUID UUID_CONTENT = c2pa("75756964");
    public static final UUID CREDENTIALS = c2pa("63327663");
    public static final UUID DATABOXES = c2pa("63326462");
    public static final UUID EMBEDDED_FILE = UUID.fromString("40CB0C32-BB8A-489D-A70B-2AD6F47F4369");

    /** The C2PA UUIDs share the ISO suffix {@code -0011-0010-8000-00AA00389B71}. */
    private static UUID c2pa(String first4Bytes) {
        return UUID.fromString(first4Bytes + "-0011-0010-8000-00AA00389B71");
    }

    public static boolean isManifest(UUID type) {
        return STANDARD_MANIFEST.equals(type) || UPDATE_MANIFEST.equals(type) || COMPRESSED_MANIFEST.equals(type);
    }
}
