#!/usr/bin/env python3
"""Draws the small logos of fixtures/exemple-complet.json into fixtures/logos/: plain
coloured shapes with the body's initials (Pillow), one per signatory, of different
proportions so that the cover's strip has something to scale. Run it again to redraw them;
the output is the same each time."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "logos"

# file, size (px), shape, fill, initials
LOGOS = [
    ("departement.png", (200, 120), "rect", (0, 84, 147), "72"),
    ("etat.png", (120, 120), "rect", (0, 0, 145), "RF"),
    ("region.png", (240, 100), "ellipse", (214, 40, 57), "PDL"),
    ("france-travail.png", (220, 80), "rect", (38, 70, 160), "FT"),
    ("caf.png", (120, 120), "ellipse", (0, 140, 120), "CAF"),
    ("msa.png", (160, 100), "rect", (110, 170, 40), "MSA"),
]


def draw(name, size, shape, fill, initials):
    w, h = size
    img = Image.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(img)
    box = (2, 2, w - 3, h - 3)
    if shape == "ellipse":
        d.ellipse(box, fill=fill)
    else:
        d.rounded_rectangle(box, radius=min(w, h) // 8, fill=fill)
    font = ImageFont.load_default(size=int(h * 0.42))
    d.text((w / 2, h / 2), initials, fill=(255, 255, 255), font=font, anchor="mm")
    img = img.quantize(colors=16, dither=Image.Dither.NONE)
    img.save(OUT / name, optimize=True)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for logo in LOGOS:
        draw(*logo)


if __name__ == "__main__":
    main()
