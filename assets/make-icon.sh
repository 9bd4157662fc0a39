#!/bin/sh
# Draws assets/icon.png (512x512): three flow widgets joined by wires on a dark tile.
# Needs ImageMagick's convert; run from anywhere.
set -eu
cd "$(dirname "$0")"
convert -size 512x512 xc:none \
  -fill '#1f2a44' -draw 'roundrectangle 16,16 496,496 96,96' \
  -fill none -stroke '#f22f46' -strokewidth 18 \
  -draw 'bezier 256,178 256,260 140,250 140,322' \
  -draw 'bezier 256,178 256,260 372,250 372,322' \
  -stroke none -fill '#ffffff' \
  -draw 'roundrectangle 166,92 346,178 22,22' \
  -draw 'roundrectangle 56,322 224,408 22,22' \
  -draw 'roundrectangle 288,322 456,408 22,22' \
  -fill '#f22f46' \
  -draw 'roundrectangle 166,92 346,120 22,22' -draw 'rectangle 166,106 346,120' \
  -fill '#36b37e' \
  -draw 'roundrectangle 56,322 224,350 22,22' -draw 'rectangle 56,336 224,350' \
  -fill '#4c9aff' \
  -draw 'roundrectangle 288,322 456,350 22,22' -draw 'rectangle 288,336 456,350' \
  -fill '#1f2a44' -draw 'circle 256,178 256,190' \
  -fill '#f22f46' -draw 'circle 256,178 256,186' \
  PNG32:icon.png
