#!/usr/bin/env python3
"""subbyte_png.py gray|palette BITS RAW W H OUT: a PNG with 1-, 2- or 4-bit samples (ImageMagick 6 will not
write these on request). RAW is 8-bit gray (W*H bytes; values are scaled down) or 8-bit RGB (W*H*3 bytes,
at most 2^BITS distinct colours, written as PLTE in order of first appearance)."""
import struct
import sys
import zlib

mode, bits, raw, w, h, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
px = open(raw, "rb").read()
if mode == "gray":
    values = [v * ((1 << bits) - 1) // 255 for v in px]
    colour_type, extra = 0, []
else:
    palette, values = {}, []
    for i in range(0, len(px), 3):
        c = px[i:i + 3]
        values.append(palette.setdefault(c, len(palette)))
    assert len(palette) <= 1 << bits, f"{len(palette)} colours"
    colour_type, extra = 3, [(b"PLTE", b"".join(palette))]
rows = []
for y in range(h):
    acc, n, row = 0, 0, bytearray()
    for v in values[y * w:(y + 1) * w]:
        acc, n = (acc << bits) | v, n + bits
        if n == 8:
            row.append(acc)
            acc, n = 0, 0
    if n:
        row.append(acc << (8 - n))
    rows.append(b"\0" + bytes(row))


def chunk(t, body):
    return struct.pack(">I", len(body)) + t + body + struct.pack(">I", zlib.crc32(t + body))


ihdr = struct.pack(">IIBBBBB", w, h, bits, colour_type, 0, 0, 0)
data = zlib.compress(b"".join(rows), 9)
with open(out, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + b"".join(chunk(t, b) for t, b in extra)
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))
