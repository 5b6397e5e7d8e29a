#!/usr/bin/env python3
"""Small PNG/JPEG byte-level helpers used by make.sh (Python 3 standard library only).

They do what ImageMagick/exiftool cannot be told to do exactly:

  palette   RAW W H OUT            indexed PNG (PLTE + tRNS with partial alpha) from raw 8-bit RGBA
                                   pixels that use at most 256 distinct colours
  text      IN OUT KEY FILE...     add tEXt chunks (Latin-1, as Pillow's PngInfo.add_text writes
                                   them) right before the first IDAT
  ancillary IN OUT                 add gAMA, cHRM, sRGB, pHYs before the first IDAT and tIME after
                                   the last IDAT (where libpng's png_write_end puts it)
  split-idat IN OUT SIZE           re-cut the compressed image data into IDAT chunks of SIZE bytes
  a1111-exif IN OUT FILE           add an EXIF APP1 segment the way AUTOMATIC1111's web UI does it
                                   with piexif: big-endian TIFF, IFD0 holding only the Exif IFD
                                   pointer, Exif IFD holding only UserComment = b"UNICODE\\0" +
                                   UTF-16BE text; inserted after JFIF APP0 (as piexif.insert does)
  segments  IN                     list a JPEG's marker segments (with APPn identifiers) and count
                                   the RSTn markers inside entropy-coded data (used by check.sh)
"""
import struct
import sys
import zlib

PNG_SIG = b"\x89PNG\r\n\x1a\n"


def read_chunks(data):
    if data[:8] != PNG_SIG:
        sys.exit("not a PNG")
    chunks, i = [], 8
    while i < len(data):
        length, ctype = struct.unpack(">I4s", data[i:i + 8])
        chunks.append((ctype, data[i + 8:i + 8 + length]))
        i += 12 + length
        if ctype == b"IEND":
            break
    return chunks


def chunk(ctype, body):
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))


def write_png(path, chunks):
    with open(path, "wb") as f:
        f.write(PNG_SIG + b"".join(chunk(t, b) for t, b in chunks))


def insert_before_idat(chunks, new):
    k = next(i for i, (t, _) in enumerate(chunks) if t == b"IDAT")
    return chunks[:k] + new + chunks[k:]


def cmd_palette(raw, w, h, out):
    w, h = int(w), int(h)
    px = open(raw, "rb").read()
    assert len(px) == w * h * 4, "raw size does not match W*H*4"
    colours = sorted({px[i:i + 4] for i in range(0, len(px), 4)}, key=lambda c: (c[3] == 255, c))
    if len(colours) > 256:
        sys.exit(f"{len(colours)} colours; quantise to 256 or fewer first")
    index = {c: i for i, c in enumerate(colours)}
    rows = bytearray()
    for y in range(h):
        rows.append(0)  # filter type None
        rows.extend(index[px[(y * w + x) * 4:(y * w + x) * 4 + 4]] for x in range(w))
    plte = b"".join(c[:3] for c in colours)
    trns = bytes(c[3] for c in colours if c[3] != 255)  # translucent entries sorted first
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 3, 0, 0, 0)
    chunks = [(b"IHDR", ihdr), (b"PLTE", plte)]
    if trns:
        chunks.append((b"tRNS", trns))
    chunks += [(b"IDAT", zlib.compress(bytes(rows), 9)), (b"IEND", b"")]
    write_png(out, chunks)


def cmd_text(src, out, *pairs):
    chunks = read_chunks(open(src, "rb").read())
    new = []
    for key, path in zip(pairs[0::2], pairs[1::2]):
        text = open(path, encoding="utf-8").read().rstrip("\n")
        new.append((b"tEXt", key.encode("latin-1") + b"\0" + text.encode("latin-1")))
    write_png(out, insert_before_idat(chunks, new))


def cmd_ancillary(src, out):
    chunks = read_chunks(open(src, "rb").read())
    before = [
        (b"gAMA", struct.pack(">I", 45455)),                       # 1/2.2
        (b"cHRM", struct.pack(">8I", 31270, 32900, 64000, 33000,   # sRGB white point, R
                              30000, 60000, 15000, 6000)),          # G, B
        (b"sRGB", bytes([0])),                                      # perceptual intent
        (b"pHYs", struct.pack(">IIB", 2835, 2835, 1)),              # 72 dpi
    ]
    chunks = insert_before_idat(chunks, before)
    k = max(i for i, (t, _) in enumerate(chunks) if t == b"IDAT") + 1
    tim = (b"tIME", struct.pack(">HBBBBB", 2025, 1, 2, 3, 4, 5))   # 2025-01-02 03:04:05 UTC
    write_png(out, chunks[:k] + [tim] + chunks[k:])


def cmd_split_idat(src, out, size):
    size = int(size)
    chunks = read_chunks(open(src, "rb").read())
    data = b"".join(b for t, b in chunks if t == b"IDAT")
    first = next(i for i, (t, _) in enumerate(chunks) if t == b"IDAT")
    rest = [c for c in chunks if c[0] != b"IDAT"]
    idats = [(b"IDAT", data[i:i + size]) for i in range(0, len(data), size)]
    write_png(out, rest[:first] + idats + rest[first:])


def cmd_a1111_exif(src, out, path):
    text = open(path, encoding="utf-8").read().rstrip("\n")
    comment = b"UNICODE\0" + text.encode("utf-16-be")
    # TIFF header (MM), IFD0 at 8: 1 entry ExifIFDPointer -> Exif IFD at 26: 1 entry UserComment
    ifd0 = struct.pack(">H", 1) + struct.pack(">HHII", 0x8769, 4, 1, 26) + struct.pack(">I", 0)
    exif_ifd = struct.pack(">H", 1) + struct.pack(">HHII", 0x9286, 7, len(comment), 44) + struct.pack(">I", 0)
    tiff = b"MM\0\x2a" + struct.pack(">I", 8) + ifd0 + exif_ifd + comment
    assert len(b"MM\0\x2a") + 4 + len(ifd0) == 26 and 26 + len(exif_ifd) == 44
    payload = b"Exif\0\0" + tiff
    if len(payload) + 2 > 0xFFFF:
        sys.exit("EXIF too large for one APP1 segment")
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    data = open(src, "rb").read()
    assert data[:2] == b"\xff\xd8"
    pos = 2
    if data[2:4] == b"\xff\xe0":  # keep JFIF APP0 first
        pos = 4 + struct.unpack(">H", data[4:6])[0]
    open(out, "wb").write(data[:pos] + app1 + data[pos:])


MARKERS = {0xC0: "SOF0", 0xC1: "SOF1", 0xC2: "SOF2", 0xC9: "SOF9", 0xC4: "DHT", 0xCC: "DAC",
           0xDB: "DQT", 0xDD: "DRI", 0xDA: "SOS", 0xD9: "EOI", 0xFE: "COM"}


def cmd_segments(src):
    d = open(src, "rb").read()
    assert d[:2] == b"\xff\xd8", "no SOI"
    out, i, rst = ["SOI"], 2, 0
    while i + 4 <= len(d):
        if d[i] != 0xFF:
            sys.exit(f"expected a marker at offset {i}")
        m = d[i + 1]
        if m == 0xD9:
            out.append("EOI")
            break
        length = struct.unpack(">H", d[i + 2:i + 4])[0]
        name = MARKERS.get(m, f"APP{m - 0xE0}" if 0xE0 <= m <= 0xEF else f"FF{m:02X}")
        if 0xE0 <= m <= 0xEF:
            ident = d[i + 4:i + 4 + 32].split(b"\0")[0][:29]
            name += "(" + ident.decode("latin-1") + ")"
        if m in (0xC0, 0xC1, 0xC2, 0xC9):
            p, h, w, nc = struct.unpack(">BHHB", d[i + 4:i + 10])
            comps = [f"{d[i + 10 + 3 * k]}:{d[i + 11 + 3 * k] >> 4}x{d[i + 11 + 3 * k] & 15}" for k in range(nc)]
            name += f"[{w}x{h} {p}-bit {nc} comp {' '.join(comps)}]"
        if m == 0xDD:
            name += f"[{struct.unpack('>H', d[i + 4:i + 6])[0]}]"
        out.append(name)
        i += 2 + length
        if m == 0xDA:  # skip entropy-coded data up to the next non-RST marker
            while i + 1 < len(d):
                if d[i] == 0xFF and d[i + 1] != 0 and not 0xD0 <= d[i + 1] <= 0xD7:
                    break
                if d[i] == 0xFF and 0xD0 <= d[i + 1] <= 0xD7:
                    rst += 1
                i += 1
    print(" ".join(out) + f" | RST markers: {rst}")


if __name__ == "__main__":
    commands = {"palette": cmd_palette, "text": cmd_text, "ancillary": cmd_ancillary,
                "split-idat": cmd_split_idat, "a1111-exif": cmd_a1111_exif,
                "segments": cmd_segments}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
