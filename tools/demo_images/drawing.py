"""The drawing core of the demo image generators: a 1200x800 picture drawn at twice the size (for smooth edges),
then scaled down and saved as an optimised palette PNG, well under 80 KB, into lessons/demo/images/."""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[2] / "lessons" / "demo" / "images"
W, H = 1200, 800
S = 2  # supersampling factor


class Canvas:
    """Draw in 1200x800 coordinates on the supersampled picture; ``colors`` is the saved palette's size,
    ``whole_pixels`` cuts the corners of boxes (rectangles, ellipses, arcs) to whole pixels."""

    def __init__(self, bg, colors=96, whole_pixels=False):
        self.img = Image.new("RGB", (W * S, H * S), bg)
        self.d = ImageDraw.Draw(self.img)
        self.colors = colors
        self.whole_pixels = whole_pixels

    def _box(self, box):
        return [int(v * S) if self.whole_pixels else v * S for v in box]

    @staticmethod
    def _points(points):
        return [(x * S, y * S) for x, y in points]

    def rect(self, box, fill, radius=0, outline=None, width=0):
        if radius:
            self.d.rounded_rectangle(self._box(box), radius * S, fill=fill, outline=outline, width=width * S)
        else:
            self.d.rectangle(self._box(box), fill=fill, outline=outline, width=width * S)

    def ellipse(self, box, fill, outline=None, width=0):
        self.d.ellipse(self._box(box), fill=fill, outline=outline, width=width * S)

    def circle(self, cx, cy, r, fill, outline=None, width=0):
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill, outline, width)

    def poly(self, points, fill, outline=None):
        self.d.polygon(self._points(points), fill=fill, outline=outline)

    def line(self, points, fill, width, round_caps=False):
        self.d.line(self._points(points), fill=fill, width=width * S, joint="curve")
        if round_caps:
            for x, y in (points[0], points[-1]):
                self.circle(x, y, width / 2, fill)

    def arc(self, box, start, end, fill, width):
        self.d.arc(self._box(box), start, end, fill=fill, width=width * S)

    def pieslice(self, box, start, end, fill):
        self.d.pieslice(self._box(box), start, end, fill=fill)

    def save(self, name):
        small = self.img.resize((W, H), Image.LANCZOS)
        pal = small.quantize(colors=self.colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        path = OUT / name
        pal.save(path, optimize=True)
        size = path.stat().st_size
        print(f"{name}: {size // 1024} KB")
        assert size < 80 * 1024, f"{name} is too big ({size} bytes)"
