#!/bin/sh
# Regenerates the pixel-layer test inputs from ../images (see README.md). Needs: imagemagick,
# libjpeg-turbo-progs, libimage-exiftool-perl, python3.
set -eu
cd "$(dirname "$0")"
IMG=../images
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# JPEG at two known IJG qualities (cjpeg defaults: 4:2:0, baseline, optimised off)
convert "$IMG/rgb8.png" ppm:"$TMP/rgb.ppm"
cjpeg -quality 75 "$TMP/rgb.ppm" > q75.jpg
cjpeg -quality 92 "$TMP/rgb.ppm" > q92.jpg
# RGB components without colour transform (ids 'R' 'G' 'B', Adobe APP14 transform 0)
cjpeg -rgb -quality 90 "$TMP/rgb.ppm" > rgb-components.jpg

# EXIF orientation 6 (displayed turned 90 degrees clockwise)
cp "$IMG/jfif-exif.jpg" orientation-6.jpg
exiftool -q -overwrite_original -n -Orientation=6 orientation-6.jpg

# IPTC in APP13 (Photoshop IRB) plus a COM segment
cp "$IMG/baseline-420.jpg" iptc-app13.jpg
exiftool -q -overwrite_original -IPTC:ObjectName="Lighthouse at dusk" -IPTC:Keywords=generated \
    -IPTC:By-line=mira.k -Comment="made for the pixel tests" iptc-app13.jpg

# An Adobe RGB-compatible profile whose three tone curves have 12000 entries each: 72 KB, so exiftool
# splits it over two ICC_PROFILE APP2 segments. Pixels are not converted: the test checks that the
# codec never applies the profile.
exiftool -q -b -ICC_Profile "$IMG/iccp-adobergb.png" > "$TMP/adobe.icc"
python3 big_icc.py "$TMP/adobe.icc" "$TMP/big.icc"
cp "$IMG/baseline-420.jpg" icc-multi-app2.jpg
exiftool -q -overwrite_original "-ICC_Profile<=$TMP/big.icc" icc-multi-app2.jpg

# PNG kinds missing from ../images
convert "$IMG/rgba8.png" -resize 398x224! -depth 16 PNG64:rgba16.png
convert "$IMG/gray-alpha8.png" -resize 418x298! -depth 16 -define png:color-type=4 -define png:bit-depth=16 gray-alpha16.png
convert "$IMG/gray8.png" -depth 8 gray:"$TMP/gray.raw"
python3 subbyte_png.py gray 1 "$TMP/gray.raw" 420 300 gray1.png
python3 subbyte_png.py gray 2 "$TMP/gray.raw" 420 300 gray2.png
python3 subbyte_png.py gray 4 "$TMP/gray.raw" 420 300 gray4.png
convert "$IMG/rgb8.png" +dither -colors 16 -depth 8 rgb:"$TMP/rgb16c.raw"
python3 subbyte_png.py palette 4 "$TMP/rgb16c.raw" 400 225 palette4.png
# ImageMagick adds gAMA/cHRM/bKGD/tIME and text chunks; keep only what the test is about
for f in rgba16.png gray-alpha16.png; do
    python3 -c "
import struct
d = open('$f', 'rb').read()
out, i = [d[:8]], 8
while i < len(d):
    n, t = struct.unpack('>I4s', d[i:i + 8])
    if t in (b'IHDR', b'PLTE', b'tRNS', b'IDAT', b'IEND'):
        out.append(d[i:i + 12 + n])
    i += 12 + n
open('$f', 'wb').write(b''.join(out))"
done
