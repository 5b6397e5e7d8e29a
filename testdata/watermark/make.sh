#!/bin/sh
# Rebuilds the watermark benchmark images from Debian packages.
#   mkdir pkgs && cd pkgs && apt-get download plasma-workspace-wallpapers mate-backgrounds \
#       ukui-wallpapers python3-skimage && for f in *.deb; do dpkg-deb -x "$f" root; done
#   sh make.sh pkgs/root
# Needs ImageMagick 6 (convert). Every image is centre-cropped to the target aspect ratio, resized with the
# Lanczos filter and written as baseline JPEG quality 95 with 4:2:0 chroma and no metadata. The flat graphics
# are drawn here and written as PNG.
set -eu
ROOT=${1:?usage: make.sh EXTRACTED_PACKAGES_ROOT}
OUT=$(dirname "$0")
KDE=$ROOT/usr/share/wallpapers
MATE=$ROOT/usr/share/backgrounds/mate
UKUI=$ROOT/usr/share/backgrounds
SKI=$ROOT/usr/lib/python3/dist-packages/skimage/data
LIM="-limit memory 2GiB -limit disk 4GiB"

img() { # split name source WxH
    mkdir -p "$OUT/$1"
    convert $LIM "$3" -strip -colorspace sRGB -filter Lanczos -resize "$4^" -gravity center -extent "$4" \
        -quality 95 -sampling-factor 2x2 "$OUT/$1/$2-$4.jpg"
}
gray() { # split name source WxH (stays single-channel)
    mkdir -p "$OUT/$1"
    convert $LIM "$3" -strip -colorspace Gray -filter Lanczos -resize "$4^" -gravity center -extent "$4" \
        -quality 95 "$OUT/$1/$2-$4.jpg"
}

# tuning split ("train"): the design and its parameters were adjusted while looking at these only
img train photo-kde-autumn        "$KDE/Autumn/contents/images/2560x1600.jpg"        1216x832
img train photo-kde-bythewater    "$KDE/BytheWater/contents/images/2560x1600.jpg"    768x768
img train photo-kde-colorfulcups  "$KDE/ColorfulCups/contents/images/2560x1600.jpg"  1024x1024
img train photo-kde-eveningglow   "$KDE/EveningGlow/contents/images/2560x1600.jpg"   1152x896
img train photo-kde-onestandsout  "$KDE/OneStandsOut/contents/images/2560x1600.jpg"  768x768
img train photo-kde-path          "$KDE/Path/contents/images/2560x1600.jpg"          832x1216
img train photo-mate-blinds       "$MATE/nature/Blinds.jpg"                          512x512
img train photo-mate-garden       "$MATE/nature/Garden.jpg"                          768x512
img train photo-mate-ladybird     "$MATE/nature/LadyBird.jpg"                        1024x1024
img train photo-mate-storm        "$MATE/nature/Storm.jpg"                           1216x832
img train photo-skimage-astronaut "$SKI/astronaut.png"                               512x512
img train photo-skimage-coffee    "$SKI/coffee.png"                                  768x512
img train art-kde-cascade         "$KDE/Cascade/contents/images/3840x2160.png"       1024x1024
img train art-kde-honeywave       "$KDE/Honeywave/contents/images/5120x2880.jpg"     896x1152
img train art-kde-milkyway        "$KDE/MilkyWay/contents/images/5120x2880.png"      832x1216
img train art-kde-pastelhills     "$KDE/PastelHills/contents/images/3200x2000.jpg"   1216x832
img train art-ukui-goldfish       "$UKUI/goldfish.png"                               768x768
img train art-ukui-city           "$UKUI/city.png"                                   1024x1024
img train art-mate-elephants      "$MATE/abstract/Elephants_3840x2160.jpg"           768x768

# held-out split: never looked at while tuning; reported separately
img heldout photo-kde-coldripple     "$KDE/ColdRipple/contents/images/2560x1600.jpg"  1024x1024
img heldout photo-kde-darkesthour    "$KDE/DarkestHour/contents/images/2560x1600.jpg" 768x768
img heldout photo-kde-fallenleaf     "$KDE/FallenLeaf/contents/images/2560x1600.jpg"  1152x896
gray heldout photo-kde-grey          "$KDE/Grey/contents/images/2560x1600.jpg"        832x1216
img heldout photo-kde-kite           "$KDE/Kite/contents/images/2560x1600.jpg"        512x512
img heldout photo-kde-summer1am      "$KDE/summer_1am/contents/images/2560x1600.jpg"  1216x832
img heldout photo-mate-aqua          "$MATE/nature/Aqua.jpg"                          768x768
img heldout photo-mate-dune          "$MATE/nature/Dune.jpg"                          1024x1024
img heldout photo-mate-freshflower   "$MATE/nature/FreshFlower.jpg"                   512x768
img heldout photo-mate-raindrops     "$MATE/nature/RainDrops.jpg"                     896x1152
img heldout photo-mate-wood          "$MATE/nature/Wood.jpg"                          768x768
img heldout photo-skimage-rocket     "$SKI/rocket.jpg"                                512x768
img heldout photo-mate-twowings      "$MATE/nature/TwoWings.jpg"                      768x512
img heldout photo-skimage-hubble     "$SKI/hubble_deep_field.jpg"                     768x768
img heldout art-kde-altai            "$KDE/Altai/contents/images/5120x2880.png"       1024x1024
img heldout art-kde-kay              "$KDE/Kay/contents/images/5120x2880.png"         832x1216
img heldout art-kde-shell            "$KDE/Shell/contents/images/5120x2880.jpg"       1216x832
img heldout art-kde-volna            "$KDE/Volna/contents/images/5120x2880.jpg"       768x768
img heldout art-ukui-desert          "$UKUI/desert.png"                               1152x896
img heldout art-ukui-themouse        "$UKUI/the-mouse.jpg"                            1024x1024
img heldout art-ukui-calla           "$UKUI/calla.png"                                896x1152

# flat graphics and gradients (drawn here), for the invisibility gate; PNG so that they stay exactly flat
mkdir -p "$OUT/flat"
convert -size 1024x1024 xc:'#f4f1ea' \
    -fill '#1f4e79' -draw 'rectangle 0,0 1023,119' \
    -fill '#e8b923' -draw 'circle 820,420 820,600' \
    -fill '#c0392b' -draw 'rectangle 96,260 520,560' \
    -fill '#2e8b57' -draw 'roundrectangle 96,640 928,930 40,40' \
    -fill '#ffffff' -draw 'rectangle 150,700 870,760' \
    -fill '#000000' -draw 'line 96,600 928,600' \
    -depth 8 -strip "$OUT/flat/flat-shapes-1024x1024.png"
convert -size 832x1216 gradient:'#203a60'-'#f0c27b' -depth 8 -strip "$OUT/flat/gradient-linear-832x1216.png"
convert -size 768x768 radial-gradient:'#ffffff'-'#3a3a3a' -colorspace Gray -depth 8 -strip "$OUT/flat/gradient-radial-gray-768x768.png"
