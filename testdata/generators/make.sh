#!/bin/sh
# Regenerates the generator fixtures from testdata/images/rgb8.png (Python 3 standard library only).
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
IMG=../images/imgtool.py
python3 meta.py
printf 'AI generated image\n' > "$T/title"
printf 'NovelAI\n' > "$T/software"
printf 'NovelAI Diffusion V4 4F6D7A4A\n' > "$T/source"
printf '2.7144763469696045\n' > "$T/time"
python3 $IMG text ../images/rgb8.png comfyui-lora.png prompt meta/comfyui-prompt.json workflow meta/comfyui-workflow.json
python3 $IMG text ../images/rgb8.png invokeai.png invokeai_metadata meta/invokeai-metadata.json
python3 $IMG text ../images/rgb8.png novelai.png Title "$T/title" Description meta/novelai-description.txt \
  Software "$T/software" Source "$T/source" "Generation time" "$T/time" Comment meta/novelai-comment.json
python3 $IMG text ../images/rgb8.png a1111-civitai.png parameters meta/a1111-civitai.txt
python3 $IMG a1111-exif ../images/baseline-420.jpg a1111-civitai.jpg meta/a1111-civitai.txt
