#!/bin/sh
# Regenerates the stamping-test input images in this directory (testdata/images).
#
# The committed files are what the tests use; this script only documents how they were made and lets
# them be rebuilt. Needs (Debian/Ubuntu package names):
#   imagemagick graphicsmagick libjpeg-turbo-progs libimage-exiftool-perl icc-profiles-free python3
# and, for the follow-up check (check.sh), pngcheck.
#
# Pixel sources (committed in ../c2pa-fixtures, from the c2pa-rs repository, MIT OR Apache-2.0):
#   100kb.png        572x322 colour illustration  -> colour PNGs and JPEGs
#   no_manifest.jpg  2100x1500 page of black text -> greyscale PNGs and the greyscale JPEG
# ICC profiles: icc-profiles-free (zlib licence): sRGB.icc, compatibleWithAdobeRGB1998.icc.
#
# Usage: sh testdata/images/make.sh      (from anywhere; writes next to this script)
set -eu
cd "$(dirname "$0")"
FIX=../c2pa-fixtures
ICC=${ICC_DIR:-/usr/share/color/icc}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# PNG writer options for "plain" files: no ancillary chunks at all (no gAMA/cHRM/bKGD/tIME/tEXt
# date stamps), so every file carries exactly the chunks its name promises.
PLAIN="-define png:exclude-chunk=all"
# exiftool: edit in place, quiet, and do not add anything we did not ask for.
EXIF="exiftool -q -overwrite_original -P"

# ---------------------------------------------------------------- sources
# 400x225 colour illustration (ImageMagick Q16 keeps 16-bit precision through the resize).
convert "$FIX/100kb.png" -strip -resize 400x225 -depth 16 "$T/art.miff"
# 420x300 text page, greyscale.
convert -quiet "$FIX/no_manifest.jpg" -strip -resize 420x300 -colorspace Gray -depth 16 "$T/text.miff"
# 480x270 colour illustration for JPEGs (270 rows is not a multiple of 16: partial MCU row).
convert "$FIX/100kb.png" -strip -resize 480x270 -depth 8 "ppm:$T/art480.ppm"
convert "$T/text.miff" -depth 8 "pgm:$T/text.pgm"
# Alpha mask: opaque centre fading to fully transparent corners (values 0..255).
convert -size 400x225 radial-gradient:white-black -evaluate multiply 1.6 "$T/radial.miff"

# ---------------------------------------------------------------- PNG
# RGB 8-bit, colour type 2.
convert "$T/art.miff" $PLAIN -depth 8 PNG24:rgb8.png
# RGBA 8-bit, colour type 6, real alpha gradient.
convert "$T/art.miff" "$T/radial.miff" -alpha off -compose CopyOpacity -composite \
  $PLAIN -depth 8 PNG32:rgba8.png
# Greyscale 8-bit, colour type 0.
convert "$T/text.miff" $PLAIN -depth 8 -define png:color-type=0 -define png:bit-depth=8 gray8.png
# Greyscale + alpha 8-bit, colour type 4 (alpha fades from 255 at the top to 64 at the bottom).
convert "$T/text.miff" \( -size 420x300 gradient:white-gray25 \) -alpha off -compose CopyOpacity -composite \
  $PLAIN -depth 8 -define png:color-type=4 -define png:bit-depth=8 gray-alpha8.png
# Indexed colour (colour type 3) with PLTE and a multi-entry tRNS (partial alpha), as pngquant
# makes them: quantise RGBA to <= 256 colours, then write the palette PNG with imgtool.py.
convert "$T/art.miff" "$T/radial.miff" -alpha off -compose CopyOpacity -composite \
  -dither FloydSteinberg -colors 200 -depth 8 "rgba:$T/pal.rgba"
python3 imgtool.py palette "$T/pal.rgba" 400 225 palette8-trns.png
# RGB 16-bit, colour type 2, bit depth 16 (straight from the Q16 resize: low bytes are not copies).
convert "$T/art.miff" $PLAIN -depth 16 PNG48:rgb16.png
# Greyscale 16-bit, colour type 0, bit depth 16.
convert "$T/text.miff" $PLAIN -depth 16 -define png:color-type=0 -define png:bit-depth=16 gray16.png
# Adam7 interlaced RGB 8-bit.
convert "$T/art.miff" $PLAIN -depth 8 -interlace PNG PNG24:interlaced-adam7.png
# Same pixels as rgb8.png, compressed data cut into 512-byte IDAT chunks (~130 of them).
python3 imgtool.py split-idat rgb8.png many-idat.png 512
# AUTOMATIC1111 web UI output: 256x384 RGB with its infotext in a tEXt "parameters" chunk.
convert "$FIX/100kb.png" -strip -resize 256x384^ -gravity center -extent 256x384 $PLAIN -depth 8 \
  "PNG24:$T/portrait.png"
python3 imgtool.py text "$T/portrait.png" a1111-parameters.png parameters meta/a1111-parameters.txt
# ComfyUI output: 256x256 RGB with tEXt "prompt" (API graph) and "workflow" (UI graph), JSON as
# Python's json.dumps writes it.
convert "$FIX/100kb.png" -strip -resize 256x256^ -gravity center -extent 256x256 $PLAIN -depth 8 \
  "PNG24:$T/square.png"
python3 imgtool.py text "$T/square.png" comfyui-prompt-workflow.png \
  prompt meta/comfyui-prompt.json workflow meta/comfyui-workflow.json
# XMP packet in an iTXt chunk with keyword XML:com.adobe.xmp (exiftool's PNG XMP writer).
cp rgb8.png xmp-itxt.png
$EXIF -XMP-dc:Title="Rainy bookshop" -XMP-dc:Creator="credmark test corpus" \
  -XMP-dc:Description="Test image with an XMP packet" -XMP-xmp:CreatorTool="ImageMagick + exiftool" \
  -XMP-iptcExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia" \
  xmp-itxt.png
# iCCP chunk: pixels converted sRGB -> Adobe RGB (1998)-compatible, that profile embedded.
convert "$T/art.miff" -profile "$ICC/sRGB.icc" -profile "$ICC/compatibleWithAdobeRGB1998.icc" -strip \
  $PLAIN -depth 8 PNG24:iccp-adobergb.png
$EXIF "-ICC_Profile<=$ICC/compatibleWithAdobeRGB1998.icc" iccp-adobergb.png
# eXIf chunk (EXIF only, big-endian TIFF).
cp rgb8.png exif-chunk.png
$EXIF -EXIF:Make="Credmark" -EXIF:Model="Test Corpus" -EXIF:Software="exiftool" \
  -EXIF:DateTimeOriginal="2025:01:02 03:04:05" -EXIF:Orientation#=1 exif-chunk.png
# gAMA + cHRM + sRGB + pHYs before IDAT, tIME after IDAT.
python3 imgtool.py ancillary rgb8.png gama-chrm-srgb-phys-time.png

# ---------------------------------------------------------------- JPEG (cjpeg writes JFIF APP0)
cjpeg -quality 85 -sample 2x2 -outfile baseline-420.jpg "$T/art480.ppm"
cjpeg -quality 85 -sample 1x1 -outfile baseline-444.jpg "$T/art480.ppm"
cjpeg -quality 85 -sample 2x1 -outfile baseline-422.jpg "$T/art480.ppm"
cjpeg -quality 85 -sample 2x2 -progressive -outfile progressive.jpg "$T/art480.ppm"
cjpeg -quality 85 -grayscale -outfile grayscale.jpg "$T/text.pgm"
# Restart interval of 4 MCUs: DRI segment plus RST0..RST7 markers cycling through the scan.
cjpeg -quality 85 -sample 2x2 -restart 4B -outfile restart-markers.jpg "$T/art480.ppm"
# Arithmetic coding (SOF9); most decoders, including Java ImageIO, cannot read it.
cjpeg -quality 85 -sample 2x2 -arithmetic -outfile arithmetic.jpg "$T/art480.ppm"
# CMYK, 4 components (ids C M Y K), Adobe APP14 with transform 0 (no colour transform), written by
# GraphicsMagick; exiftool then drops the JFIF APP0 GraphicsMagick adds (JFIF allows 1 or 3 components).
gm convert "$T/art480.ppm" -colorspace CMYK -strip -quality 85 cmyk-adobe.jpg
$EXIF -JFIF:all= cmyk-adobe.jpg
# YCCK: ImageMagick writes CMYK as 4 components with Adobe APP14 transform 2 (YCCK), Y and K 2x2.
convert "$T/art480.ppm" -colorspace CMYK -strip -quality 85 ycck-adobe.jpg
# COM segment after JFIF APP0.
wrjpgcom -comment "credmark test corpus: JPEG with a COM comment segment" baseline-420.jpg > com-comment.jpg
# AUTOMATIC1111 web UI JPEG: JFIF APP0, then piexif's EXIF APP1 whose only tag is UserComment =
# "UNICODE\0" + UTF-16BE infotext.
python3 imgtool.py a1111-exif baseline-420.jpg exif-a1111-usercomment.jpg meta/a1111-parameters.txt
# JFIF APP0 and a camera-style EXIF APP1 (big-endian) together.
cp baseline-420.jpg jfif-exif.jpg
$EXIF -EXIF:Make="Credmark" -EXIF:Model="Test Corpus" -EXIF:Software="exiftool" \
  -EXIF:DateTimeOriginal="2025:01:02 03:04:05" -EXIF:Orientation#=1 jfif-exif.jpg
# Camera-style file: no APP0, EXIF APP1 right after SOI, little-endian TIFF, with a JPEG thumbnail
# in IFD1 (so APP1 itself contains SOI ... EOI bytes).
convert "$T/art480.ppm" -resize 160x90 -quality 75 -strip "$T/thumb.jpg"
cp baseline-420.jpg exif-no-app0.jpg
$EXIF -JFIF:all= -ExifByteOrder=II -EXIF:Make="Credmark" -EXIF:Model="Test Corpus" \
  -EXIF:DateTimeOriginal="2025:01:02 03:04:05" -EXIF:Orientation#=1 "-ThumbnailImage<=$T/thumb.jpg" \
  exif-no-app0.jpg
# XMP APP1 (http://ns.adobe.com/xap/1.0/).
cp baseline-420.jpg xmp-app1.jpg
$EXIF -XMP-dc:Title="Rainy bookshop" -XMP-dc:Creator="credmark test corpus" \
  -XMP-dc:Description="Test image with an XMP packet" -XMP-xmp:CreatorTool="ImageMagick + exiftool" \
  -XMP-iptcExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia" \
  xmp-app1.jpg
# ICC profile in APP2 (ICC_PROFILE, one segment; sRGB.icc is 6922 bytes).
cp baseline-420.jpg icc-app2.jpg
$EXIF "-ICC_Profile<=$ICC/sRGB.icc" icc-app2.jpg

echo "done; now run: sh check.sh"
