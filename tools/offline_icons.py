"""Draw the installable web app's icons (static/offline/icons/) with Pillow: an open book on the brand blue.

Run ``.venv/bin/python tools/offline_icons.py`` after changing the drawing; the PNGs are committed.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "static" / "offline" / "icons"
BRAND = (11, 94, 138)
PAPER = (255, 255, 255)
ACCENT = (255, 196, 61)


def draw(size, maskable=False):
    scale = 4  # draw large, then shrink: smooth edges
    big = size * scale
    image = Image.new("RGB" if maskable else "RGBA", (big, big), BRAND if maskable else (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if not maskable:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=BRAND)
    # Maskable icons keep their drawing inside the central 80 % safe zone.
    inset = big * (0.26 if maskable else 0.18)
    left, top, right, bottom = inset, inset * 1.25, big - inset, big - inset * 1.05
    middle = big / 2
    sag = (bottom - top) * 0.08
    pen.polygon([(left, top), (middle, top + sag), (middle, bottom), (left, bottom - sag)], fill=PAPER)
    pen.polygon([(right, top), (middle, top + sag), (middle, bottom), (right, bottom - sag)], fill=PAPER)
    pen.line([(middle, top + sag), (middle, bottom)], fill=BRAND, width=max(2, big // 96))
    for i in range(1, 4):
        y = top + (bottom - top) * i / 4.5
        for x0, x1 in ((left + big * 0.05, middle - big * 0.05), (middle + big * 0.05, right - big * 0.05)):
            pen.line([(x0, y), (x1, y)], fill=(180, 200, 214), width=max(2, big // 120))
    # A check mark on the right page: "done", also offline.
    r = big * 0.11
    cx, cy = right - r * 0.6, bottom - r * 0.6
    pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=ACCENT)
    pen.line(
        [(cx - r * 0.5, cy), (cx - r * 0.1, cy + r * 0.4), (cx + r * 0.55, cy - r * 0.45)], fill=BRAND, width=big // 40
    )
    return image.resize((size, size), Image.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size).save(OUT / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(OUT / "maskable-512.png", optimize=True)
    print("\n".join(f"{path.name}: {path.stat().st_size} bytes" for path in sorted(OUT.glob("*.png"))))


if __name__ == "__main__":
    main()
