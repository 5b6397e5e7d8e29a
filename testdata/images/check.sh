#!/bin/sh
# Checks that every image in this directory is what its name says, with independent tools:
# pngcheck (PNG chunk structure, colour type, bit depth, interlace), exiftool (JPEG coding process,
# components, subsampling, metadata), ImageMagick identify (dimensions, type, depth, interlace) and
# imgtool.py segments (JPEG marker order, restart markers). Prints one line per file; exit 1 on any
# mismatch. Needs: pngcheck imagemagick libimage-exiftool-perl python3.
set -u
cd "$(dirname "$0")"
fail=0

# expect FILE LABEL TEXT PATTERN...: every extended regex PATTERN must match TEXT.
expect() {
  f=$1 label=$2 text=$3; shift 3
  for p in "$@"; do
    if ! printf '%s\n' "$text" | grep -Eq -- "$p"; then
      echo "FAIL $f: $label does not match /$p/"; fail=1; return 1
    fi
  done
}
png() { # FILE PATTERN...  (patterns matched against pngcheck -v output)
  f=$1; shift
  out=$(pngcheck -v "$f" 2>&1)
  expect "$f" "pngcheck -v" "$out" "No errors detected" "$@" || return
  echo "ok   $f: $(pngcheck "$f" | sed 's/^OK: [^ ]* //'); $(identify -format '%wx%h %[type] %[depth]-bit %[interlace]' "$f" 2>/dev/null)"
}
jpg() { # FILE SEGMENT-PATTERN EXIFTOOL-PATTERN...
  f=$1 seg=$2; shift 2
  s=$(python3 imgtool.py segments "$f")
  t=$(exiftool -s -s -s -f -EncodingProcess -ColorComponents -YCbCrSubSampling "$f" | tr '\n' ';')
  expect "$f" "segments" "$s" "$seg" || return
  x=$(exiftool -s -G1 "$f")
  expect "$f" "exiftool" "$x" "$@" || return
  convert "$f" null: 2>/dev/null || { echo "FAIL $f: ImageMagick cannot decode it"; fail=1; return; }
  echo "ok   $f: $t $s"
}

png rgb8.png            "24-bit RGB, non-interlaced" "chunk IDAT" '^No errors detected in rgb8.png \(5 chunks'
png rgba8.png           "32-bit RGB\+alpha, non-interlaced"
png gray8.png           "8-bit grayscale, non-interlaced"
png gray-alpha8.png     "16-bit grayscale\+alpha, non-interlaced"
png palette8-trns.png   "8-bit palette" "chunk PLTE .*: [0-9]+ palette entries" "chunk tRNS .*: [0-9]+ transparency entries"
png rgb16.png           "48-bit RGB, non-interlaced"
png gray16.png          "16-bit grayscale, non-interlaced"
for f in rgb16.png gray16.png; do expect $f "identify -verbose" "$(identify -verbose $f)" "IHDR.bit_depth: 16"; done
png interlaced-adam7.png "24-bit RGB, interlaced"
expect interlaced-adam7.png "identify -verbose" "$(identify -verbose interlaced-adam7.png)" "interlace_method: 1 \(Adam7 method\)"
png many-idat.png       "24-bit RGB" "No errors detected in many-idat.png \(1[0-9][0-9] chunks"
png a1111-parameters.png "chunk tEXt .*keyword: parameters"
png comfyui-prompt-workflow.png "chunk tEXt .*keyword: prompt" "chunk tEXt .*keyword: workflow"
png xmp-itxt.png        "chunk iTXt .*keyword: XML:com.adobe.xmp"
png iccp-adobergb.png   "chunk iCCP"
png exif-chunk.png      "chunk eXIf .*EXIF metadata"
png gama-chrm-srgb-phys-time.png "chunk gAMA .*0.45455" "chunk cHRM" "chunk sRGB" "rendering intent = perceptual" \
  "chunk pHYs .*2835x2835 pixels/meter" "chunk IDAT" "chunk tIME .*2 Jan 2025 03:04:05"
# tIME must come after the last IDAT
last=$(pngcheck -v gama-chrm-srgb-phys-time.png | grep -E 'chunk (IDAT|tIME)' | tail -1)
expect gama-chrm-srgb-phys-time.png "chunk order" "$last" "tIME"
# the 16-bit files really use 16 bits (low byte not a copy of the high byte for many samples)
for f in rgb16.png gray16.png; do
  n=$(convert "$f" -depth 16 rgb:- | python3 -c 'import sys; d=sys.stdin.buffer.read(); print(sum(d[i] != d[i+1] for i in range(0, len(d), 2)))')
  [ "$n" -gt 1000 ] || { echo "FAIL $f: only $n samples use the low byte"; fail=1; }
done
# AI metadata text is byte-identical to meta/
for k in parameters:a1111-parameters.png:meta/a1111-parameters.txt prompt:comfyui-prompt-workflow.png:meta/comfyui-prompt.json \
         workflow:comfyui-prompt-workflow.png:meta/comfyui-workflow.json; do
  key=${k%%:*} rest=${k#*:}; f=${rest%%:*} ref=${rest#*:}
  python3 - "$f" "$key" "$ref" <<'EOF' || fail=1
import struct, sys
f, key, ref = sys.argv[1:]
d = open(f, "rb").read(); i = 8; found = None
while i < len(d):
    n, t = struct.unpack(">I4s", d[i:i + 8]); body = d[i + 8:i + 8 + n]; i += 12 + n
    if t == b"tEXt" and body.split(b"\0", 1)[0] == key.encode():
        found = body.split(b"\0", 1)[1]
want = open(ref, encoding="utf-8").read().rstrip("\n").encode("latin-1")
if found != want:
    sys.exit(f"FAIL {f}: tEXt {key} differs from {ref}")
EOF
done

jpg baseline-420.jpg   "^SOI APP0\(JFIF\) .*SOF0\[480x270 8-bit 3 comp 1:2x2 2:1x1 3:1x1\]" "EncodingProcess *: Baseline DCT" "YCbCr4:2:0 \(2 2\)"
jpg baseline-444.jpg   "SOF0\[480x270 8-bit 3 comp 1:1x1 2:1x1 3:1x1\]" "YCbCr4:4:4 \(1 1\)"
jpg baseline-422.jpg   "SOF0\[480x270 8-bit 3 comp 1:2x1 2:1x1 3:1x1\]" "YCbCr4:2:2 \(2 1\)"
jpg progressive.jpg    "SOF2\[.*\] .*SOS .*SOS .*SOS" "EncodingProcess *: Progressive DCT, Huffman coding"
jpg grayscale.jpg      "SOF0\[420x300 8-bit 1 comp 1:1x1\]" "ColorComponents *: 1"
jpg cmyk-adobe.jpg     "^SOI APP14\(Adobe\) .*SOF0\[480x270 8-bit 4 comp 67:1x1 77:1x1 89:1x1 75:1x1\]" \
                       "ColorComponents *: 4" "ColorTransform *: Unknown \(RGB or CMYK\)"
jpg ycck-adobe.jpg     "^SOI APP14\(Adobe\) .*SOF0\[480x270 8-bit 4 comp " "ColorComponents *: 4" "ColorTransform *: YCCK"
jpg exif-a1111-usercomment.jpg "^SOI APP0\(JFIF\) APP1\(Exif\) DQT" "ExifByteOrder *: Big-endian" \
                       "UserComment *: masterpiece, .*Negative prompt: .*Steps: 30, Sampler: DPM\+\+ 2M, CFG scale: 7, Seed: 1234567890, Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned, Version: v1.10.1"
# the UserComment really is "UNICODE\0" + UTF-16BE (exiftool decodes either way)
python3 - <<'EOF' || fail=1
d = open("exif-a1111-usercomment.jpg", "rb").read()
want = b"UNICODE\0" + open("meta/a1111-parameters.txt", encoding="utf-8").read().rstrip("\n").encode("utf-16-be")
if want not in d:
    raise SystemExit("FAIL exif-a1111-usercomment.jpg: no UNICODE/UTF-16BE UserComment")
EOF
jpg jfif-exif.jpg      "^SOI APP0\(JFIF\) APP1\(Exif\) DQT" "JFIFVersion *: 1.01" "Make *: Credmark"
jpg exif-no-app0.jpg   "^SOI APP1\(Exif\) DQT" "ExifByteOrder *: Little-endian" "ThumbnailLength *: [0-9]+"
jpg xmp-app1.jpg       "APP1\(http://ns.adobe.com/xap/1.0/\)" "Title *: Rainy bookshop" "DigitalSourceType *: .*trainedAlgorithmicMedia"
jpg icc-app2.jpg       "APP0\(JFIF\) APP2\(ICC_PROFILE\) " "ProfileDescription *: sRGB"
jpg restart-markers.jpg "DRI\[4\] SOS \| RST markers: [1-9][0-9]+"
jpg com-comment.jpg    " COM " "Comment *: credmark test corpus: JPEG with a COM comment segment"
jpg arithmetic.jpg     "SOF9\[480x270 8-bit 3 comp 1:2x2 2:1x1 3:1x1\] DAC SOS" "EncodingProcess *: Extended sequential DCT, arithmetic coding"

[ $fail = 0 ] && echo "all images are what their names say" || echo "SOME CHECKS FAILED"
exit $fail
