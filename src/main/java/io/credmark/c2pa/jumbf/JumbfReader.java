package io.credmark.c2pa.jumbf;

import io.credmark.InvalidInputException;
import io.credmark.bytes.BigEndian;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Parses JUMBF (ISO 19566-5) from a buffer. Every length is checked against its parent before use, superboxes nest
 * at most {@value #MAX_DEPTH} deep, and nothing is allocated beyond the views of the input.
 */
public final class JumbfReader {

    /** C2PA nests store → manifest → assertion store → assertion → content; ingredients add little. */
    static final int MAX_DEPTH = 16;

    private JumbfReader() {
    }

    /** Reads the single superbox that fills {@code bytes}. */
    public static SuperBox readSuperBox(byte[] bytes) {
        Slice whole = Slice.of(bytes);
        List<Box> boxes = readBoxes(whole, 0);
        if (boxes.size() != 1 || !(boxes.get(0) instanceof SuperBox s)) {
            throw malformed("expected one JUMBF superbox, found " + boxes.size() + " boxes");
        }
        return s;
    }

    private static List<Box> readBoxes(Slice area, int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("JUMBF superboxes nest deeper than " + MAX_DEPTH + " levels");
        }
        byte[] b = area.buffer();
        int pos = area.offset();
        int end = area.offset() + area.length();
        List<Box> boxes = new ArrayList<>();
        while (pos < end) {
            if (end - pos < 8) {
                throw malformed("truncated JUMBF box header at byte " + pos + " of the store");
            }
            long lbox = BigEndian.u32(b, pos);
            String type = fourCc(b, pos + 4);
            int header = 8;
            if (lbox == 1) {
                if (end - pos < 16) {
                    throw malformed("truncated JUMBF extended length at byte " + pos);
                }
                lbox = BigEndian.u64(b, pos + 8);
                header = 16;
            } else if (lbox == 0) {
                lbox = end - pos; // ISO 19566-5: zero means "to the end of the enclosing space"
            }
            if (lbox < header || lbox > end - pos) {
                throw malformed("JUMBF box '" + printable(type) + "' at byte " + pos + " declares " + lbox
                        + " bytes but only " + (end - pos) + " remain");
            }
            Slice box = new Slice(b, pos, (int) lbox);
            Slice payload = new Slice(b, pos + header, (int) lbox - header);
            boxes.add("jumb".equals(type) ? superBox(box, payload, depth) : new ContentBox(type, box, payload));
            pos += (int) lbox;
        }
        return boxes;
    }

    private static SuperBox superBox(Slice box, Slice payload, int depth) {
        List<Box> children = readBoxes(payload, depth + 1);
        if (children.isEmpty() || !(children.get(0) instanceof ContentBox first) || !"jumd".equals(first.type())) {
            throw malformed("JUMBF superbox at byte " + box.offset() + " does not start with a description box");
        }
        DescriptionBox description = description(first.payload());
        return new SuperBox(description, children.subList(1, children.size()), box, payload);
    }

    private static DescriptionBox description(Slice p) {
        byte[] b = p.buffer();
        int pos = p.offset();
        int end = p.offset() + p.length();
        if (p.length() < 17) {
            throw malformed("JUMBF description box is shorter than 17 bytes");
        }
        UUID type = new UUID(BigEndian.u64(b, pos), BigEndian.u64(b, pos + 8));
        int toggles = b[pos + 16] & 0xFF;
        pos += 17;
        String label = null;
        if ((toggles & DescriptionBox.LABEL_PRESENT) != 0) {
            int nul = pos;
            while (nul < end && b[nul] != 0) {
                nul++;
            }
            if (nul == end) {
                throw malformed("JUMBF label is not NUL-terminated");
            }
            label = utf8(b, pos, nul - pos);
            pos = nul + 1;
        }
        Long id = null;
        if ((toggles & DescriptionBox.ID_PRESENT) != 0) {
            need(end - pos, 4, "ID");
            id = BigEndian.u32(b, pos);
            pos += 4;
        }
        byte[] signature = null;
        if ((toggles & DescriptionBox.SIGNATURE_PRESENT) != 0) {
            need(end - pos, 32, "signature");
            signature = new Slice(b, pos, 32).toByteArray();
            pos += 32;
        }
        byte[] salt = null;
        if ((toggles & DescriptionBox.PRIVATE_PRESENT) != 0 && end - pos >= 8) {
            List<Box> priv = readBoxes(new Slice(b, pos, end - pos), JumbfReader.MAX_DEPTH);
            for (Box x : priv) {
                if (x instanceof ContentBox c && "c2sh".equals(c.type())) {
                    salt = c.payload().toByteArray();
                }
            }
        }
        return new DescriptionBox(type, toggles, label, id, signature, salt);
    }

    private static void need(int have, int want, String what) {
        if (have < want) {
            throw malformed("JUMBF description box too short for its " + what);
        }
    }

    private static String fourCc(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? s : "?";
    }

    private static String utf8(byte[] b, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("JUMBF label is not UTF-8");
        }
    }

    static InvalidInputException malformed(String message) {
        return new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE, "damaged C2PA store: " + message);
    }
}
