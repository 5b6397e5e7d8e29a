#!/usr/bin/env python3
"""Regenerates the malformed-input corpus in this directory (testdata/malformed).

Python 3.9+ standard library only; deterministic (fixed random seeds), so running it again gives
byte-identical files. Inputs are committed files of this repository:
  ../images/rgb8.png, ../images/baseline-420.jpg                      (plain images)
  ../c2pa-fixtures/generated/signed-es256.png / signed-es256.jpg      (carry a C2PA manifest)
Each output is described in README.md.

Usage: python3 testdata/malformed/make.py
"""
import os
import random
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
PNG_SIG = b"\x89PNG\r\n\x1a\n"


def src(rel):
    with open(os.path.join(HERE, rel), "rb") as f:
        return f.read()


def out(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    print(f"{name:40} {len(data):7} bytes")


# ---------------------------------------------------------------- PNG helpers
def png_chunks(data):
    """[(offset, length, type, body)] for a well-formed PNG."""
    assert data[:8] == PNG_SIG
    res, i = [], 8
    while i < len(data):
        n, t = struct.unpack(">I4s", data[i:i + 8])
        res.append((i, n, t, data[i + 8:i + 8 + n]))
        i += 12 + n
    return res


def png_chunk(ctype, body):
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))


# ---------------------------------------------------------------- JPEG helpers
def jpeg_segments(data):
    """[(offset, marker, total_length_including_marker)] for the header segments up to SOS."""
    assert data[:2] == b"\xff\xd8"
    res, i = [], 2
    while True:
        m = data[i + 1]
        n = struct.unpack(">H", data[i + 2:i + 4])[0]
        res.append((i, m, 2 + n))
        if m == 0xDA:
            return res
        i += 2 + n


def app11(en, z, jumbf_part):
    """One APP11 segment of a JPEG-XT/JUMBF box: CI 'JP', instance En, sequence Z, then box bytes."""
    payload = b"JP" + struct.pack(">HI", en, z) + jumbf_part
    assert len(payload) + 2 <= 0xFFFF
    return b"\xff\xeb" + struct.pack(">H", len(payload) + 2) + payload


def c2pa_store(jpeg):
    """(first_offset, end_offset, En, jumbf_bytes) of the single APP11 JUMBF group of a C2PA JPEG."""
    segs = [(o, n) for o, m, n in jpeg_segments(jpeg) if m == 0xEB and jpeg[o + 4:o + 6] == b"JP"]
    en = struct.unpack(">H", jpeg[segs[0][0] + 6:segs[0][0] + 8])[0]
    box = b""
    for k, (o, n) in enumerate(segs):
        body = jpeg[o + 12:o + n]          # after FF EB, Le, 'JP', En, Z
        box += body if k == 0 else body[8:]  # continuation segments repeat LBox+TBox
    return segs[0][0], segs[-1][0] + segs[-1][1], en, box


def app11_group(en, box):
    """Splits a JUMBF superbox into APP11 segments the way C2PA requires (header repeated)."""
    header, rest = box[:8], box[8:]
    first_room = 0xFFFF - 2 - 8
    parts, z = [box[:first_room]], 1
    rest = box[first_room:]
    while rest:
        parts.append(header + rest[:first_room - 8])
        rest = rest[first_room - 8:]
    return b"".join(app11(en, z + k, p) for k, p in enumerate(parts))


# JUMBF boxes: (type, payload) for plain boxes, (type, [children]) for 'jumb' superboxes.
def jumbf_parse(data):
    boxes, i = [], 0
    while i < len(data):
        lbox, tbox = struct.unpack(">I4s", data[i:i + 8])
        hdr = 8
        if lbox == 1:
            lbox, hdr = struct.unpack(">Q", data[i + 8:i + 16])[0], 16
        elif lbox == 0:
            lbox = len(data) - i
        body = data[i + hdr:i + lbox]
        boxes.append((tbox, jumbf_parse(body) if tbox == b"jumb" else body))
        i += lbox
    return boxes


def jumbf_write(boxes):
    res = b""
    for tbox, body in boxes:
        payload = jumbf_write(body) if tbox == b"jumb" else body
        res += struct.pack(">I4s", 8 + len(payload), tbox) + payload
    return res


def jumd_label(superbox_children):
    jumd = superbox_children[0][1]
    return jumd[17:].split(b"\0", 1)[0].decode("utf-8", "replace")  # after 16-byte type + toggles


def replace_claim_cbor(boxes, new_cbor):
    """Replaces the 'cbor' content box of every c2pa.claim / c2pa.claim.v2 superbox; returns count."""
    count = 0
    for k, (tbox, body) in enumerate(boxes):
        if tbox != b"jumb":
            continue
        if jumd_label(body).startswith("c2pa.claim"):
            for j, (t2, _) in enumerate(body):
                if t2 == b"cbor":
                    body[j] = (b"cbor", new_cbor)
                    count += 1
        else:
            count += replace_claim_cbor(body, new_cbor)
    return count


# ---------------------------------------------------------------- corpus
def main():
    rng = random.Random(20250102)
    png = src("../images/rgb8.png")
    jpg = src("../images/baseline-420.jpg")
    signed_png = src("../c2pa-fixtures/generated/signed-es256.png")
    signed_jpg = src("../c2pa-fixtures/generated/signed-es256.jpg")

    # --- generic
    out("empty.png", b"")
    noise = bytearray(rng.randbytes(4096))
    noise[0] = 0x42  # make sure it does not start like a PNG or JPEG by chance
    out("random-bytes.bin", bytes(noise))
    out("text-file-named.png", b"This is a plain text file that only has a .png name.\n"
                               b"It is not an image; a format sniffer must reject it.\n")

    # --- PNG
    out("png-signature-then-garbage.png", PNG_SIG + rng.randbytes(1024))

    chunks = png_chunks(png)
    o, n, t, _ = next(c for c in chunks if c[2] == b"IDAT")
    out("png-truncated-mid-idat.png", png[:o + 8 + n // 2])

    out("png-chunk-length-fffffff0.png", png[:o] + struct.pack(">I", 0xFFFFFFF0) + png[o + 4:])

    ihdr_off = chunks[0][0]
    crc_at = ihdr_off + 8 + 13
    bad = bytearray(png)
    bad[crc_at:crc_at + 4] = struct.pack(">I", struct.unpack(">I", png[crc_at:crc_at + 4])[0] ^ 0xFFFFFFFF)
    out("png-bad-crc-ihdr.png", bytes(bad))

    sc = png_chunks(signed_png)
    co, cn, _, _ = next(c for c in sc if c[2] == b"caBX")
    cabx = signed_png[co:co + 12 + cn]
    out("png-two-cabx.png", signed_png[:co + 12 + cn] + cabx + signed_png[co + 12 + cn:])

    # 100000 x 100000 RGB 8-bit (30 GB of pixels) in a few KB: a complete, valid zlib stream that
    # inflates to the first 10 (all-zero, filter 0) scanlines only; all CRCs are correct.
    w = h = 100000
    rows = zlib.compress(b"\0" * ((1 + 3 * w) * 10), 9)
    out("png-ihdr-100000x100000.png", PNG_SIG + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + png_chunk(b"IDAT", rows) + png_chunk(b"IEND", b""))

    # --- JPEG
    garbage = bytearray(rng.randbytes(1024))
    garbage[0] = 0x12  # not a marker
    out("jpeg-soi-then-garbage.jpg", b"\xff\xd8" + bytes(garbage))

    segs = jpeg_segments(jpg)
    sos_off, _, sos_len = segs[-1]
    scan_start = sos_off + sos_len
    out("jpeg-truncated-entropy.jpg", jpg[:scan_start + (len(jpg) - 2 - scan_start) // 2])

    app0_off, app0_m, app0_len = segs[0]
    assert app0_m == 0xE0
    after_app0 = app0_off + app0_len
    # a COM segment whose length field says 0xFFFF although only ~29 KB follow
    out("jpeg-segment-length-ffff.jpg", jpg[:after_app0] + b"\xff\xfe\xff\xff" + b"credmark" + jpg[after_app0:])
    # the APP0 length field (which counts its own two bytes, so the minimum is 2) set to 0 and to 1
    for v in (0, 1):
        out(f"jpeg-segment-length-{v}.jpg", jpg[:app0_off + 2] + struct.pack(">H", v) + jpg[app0_off + 4:])

    sof_off, sof_m, _ = next(s for s in segs if s[1] == 0xC0)
    big = bytearray(jpg)
    big[sof_off + 5:sof_off + 9] = struct.pack(">HH", 65535, 65535)  # height, width
    out("jpeg-sof-65535x65535.jpg", bytes(big))

    # --- JPEG carrying C2PA (APP11 JUMBF)
    first, end, en, box = c2pa_store(signed_jpg)
    assert struct.unpack(">I", box[:4])[0] == len(box)

    # every APP11 segment of the store claims a superbox LBox of 0xFFFFFFF0 (~4 GB)
    huge = bytearray(signed_jpg)
    for o, m, n in jpeg_segments(signed_jpg):
        if m == 0xEB and signed_jpg[o + 4:o + 6] == b"JP":
            huge[o + 12:o + 16] = struct.pack(">I", 0xFFFFFFF0)
    out("jpeg-app11-lbox-fffffff0.jpg", bytes(huge))

    # a second, complete copy of the manifest store under another instance number (En + 1)
    out("jpeg-two-c2pa-stores.jpg", signed_jpg[:end] + app11_group(en + 1, box) + signed_jpg[end:])

    # the claim's CBOR replaced by 10000 nested one-element arrays (0x81 ... 0x81 0x00); all JUMBF
    # box lengths and the APP11 segmentation are rewritten to stay consistent
    tree = jumbf_parse(box)
    assert replace_claim_cbor(tree, b"\x81" * 10000 + b"\x00") == 1
    out("jpeg-c2pa-deep-cbor.jpg", signed_jpg[:first] + app11_group(en, jumbf_write(tree)) + signed_jpg[end:])


if __name__ == "__main__":
    main()
