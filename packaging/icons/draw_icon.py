"""Draws the Donghaeng (동행, "walking together") app icon as PNG with Pillow.

Two figures side by side on a calm teal tile: a worker and the person they accompany.
The geometry matches donghaeng.svg (a 512-unit canvas) so the two stay the same picture.
Run: .venv/bin/python packaging/icons/draw_icon.py [SIZE ...]  (default 512 256 128 48)
The PNGs are committed; rerun only when the mark changes.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
TILE = (46, 94, 110, 255)      # #2E5E6E
WORKER = (250, 250, 247, 255)  # #FAFAF7
PERSON = (242, 197, 124, 255)  # #F2C57C
PATH = (255, 255, 255, 90)

# (shape, box on the 512 canvas) — the SVG uses the same numbers.
SHAPES = [
    ("tile", (16, 16, 496, 496), TILE),
    ("path", (96, 392, 416, 424), PATH),
    ("head", (142, 104, 238, 200), WORKER),
    ("body", (118, 216, 262, 376), WORKER),
    ("head", (290, 148, 370, 228), PERSON),
    ("body", (272, 240, 388, 376), PERSON),
]


def draw(size: int) -> Image.Image:
    scale = 4  # supersample, then downscale: smooth edges without an SVG renderer
    big = Image.new("RGBA", (size * scale,) * 2, (0, 0, 0, 0))
    k = size * scale / 512
    for shape, box, colour in SHAPES:
        x0, y0, x1, y1 = (round(v * k) for v in box)
        # each shape on its own layer so translucent parts blend like the SVG's
        overlay = Image.new("RGBA", big.size, (0, 0, 0, 0))
        pen = ImageDraw.Draw(overlay)
        if shape == "tile":
            pen.rounded_rectangle((x0, y0, x1, y1), radius=round(104 * k), fill=colour)
        elif shape == "head":
            pen.ellipse((x0, y0, x1, y1), fill=colour)
        elif shape == "body":  # an arch: round shoulders, flat feet on the path
            pen.rounded_rectangle((x0, y0, x1, y1), radius=(x1 - x0) // 2, fill=colour,
                                  corners=(True, True, False, False))
        elif shape == "path":
            pen.rounded_rectangle((x0, y0, x1, y1), radius=(y1 - y0) // 2, fill=colour)
        big = Image.alpha_composite(big, overlay)
    return big.resize((size, size), Image.LANCZOS)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [512, 256, 128, 48]
    for size in sizes:
        name = "donghaeng.png" if size == 512 else f"donghaeng-{size}.png"
        draw(size).save(HERE / name, optimize=True)
        print(HERE / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
