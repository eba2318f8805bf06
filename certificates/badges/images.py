"""Badge pictures drawn with Pillow: the course badge (the Achievement image, baked with the credential)
and the share-card preview (1200×630, Open Graph). Fonts come from ``certificates.pdf.FONTS``.

Pillow draws one font per call, so text is cut into Thai and Latin runs, each drawn with its font (raqm
shapes Thai marks); long Thai lines wrap at word boundaries found by PyThaiNLP.

Baking follows OB 3.0: one uncompressed ``iTXt`` chunk with keyword ``openbadgecredential`` whose text is
the compact JWS. ``unbake`` walks the PNG chunks itself (bounded, no image decoding).
"""

import io
import struct
import zlib
from functools import cache

from django.contrib.staticfiles import finders
from PIL import Image, ImageDraw, ImageFont
from pythainlp.tokenize import word_tokenize

from ..pdf import FONTS

BADGE_SIZE = 600
PREVIEW_SIZE = (1200, 630)
KEYWORD = "openbadgecredential"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BRAND, BRAND_DARK, INK, MUTED, PAPER, SOFT, GOLD = (
    "#0b5e8a",
    "#084a6c",
    "#1b1f24",
    "#4a5560",
    "#ffffff",
    "#f3f6f8",
    "#c99a2e",
)


class BadPNG(Exception):
    pass


@cache
def _font(script, weight, size):
    family = "CertThai" if script == "thai" else "CertLatin"
    path = finders.find(FONTS[(family, weight)])
    if path is None:
        raise FileNotFoundError(f"badge font missing from static/: {FONTS[(family, weight)]}")
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


def _is_thai(char):
    return "\u0e00" <= char <= "\u0e7f"


def _runs(text):
    """``[(script, text)]``: Thai letters in the Thai font, all else in the Latin one; spaces join any run."""
    runs = []
    for char in text:
        script = "thai" if _is_thai(char) else (None if char == " " else "latin")
        if runs and (script is None or runs[-1][0] == script):
            runs[-1][1].append(char)
        else:
            runs.append((script or "latin", [char]))
    return [(script, "".join(chars)) for script, chars in runs]


def text_width(text, size, weight=400):
    return sum(_font(script, weight, size).getlength(run) for script, run in _runs(text))


def draw_text(draw, xy, text, size, fill, weight=400, anchor="l"):
    """Draw ``text`` on one line from its left (``anchor="l"``) or centre (``"m"``) at baseline ``xy``."""
    x, y = xy
    if anchor == "m":
        x -= text_width(text, size, weight) / 2
    for script, run in _runs(text):
        font = _font(script, weight, size)
        draw.text((x, y), run, font=font, fill=fill, anchor="ls")
        x += font.getlength(run)


def wrap(text, size, width, weight=400, max_lines=3):
    """Greedy line wrap at word boundaries (Thai words from PyThaiNLP); the last line ends in "…"."""
    words = word_tokenize(text, engine="newmm", keep_whitespace=True)
    lines, line = [], ""
    for word in words:
        if line and text_width(line + word, size, weight) > width:
            lines.append(line.strip())
            line = word.lstrip()
        else:
            line += word
    if line.strip():
        lines.append(line.strip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and text_width(lines[-1] + "…", size, weight) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


def _png(image):
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def badge_png(title_th, title_en, organisation):
    """The course badge: a round seal with the course title, square PNG."""
    size = BADGE_SIZE
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=GOLD)
    draw.ellipse((24, 24, size - 24, size - 24), fill=BRAND)
    draw.ellipse((40, 40, size - 40, size - 40), outline=PAPER, width=3)
    draw_text(draw, (size / 2, 130), "ใบประกาศนียบัตร", 34, GOLD, 700, anchor="m")
    lines = wrap(title_th, 40, size - 170, 700, max_lines=4)
    top = size / 2 - (len(lines) - 1) * 27 + 10
    for n, line in enumerate(lines):
        draw_text(draw, (size / 2, top + n * 54), line, 40, PAPER, 700, anchor="m")
    english = wrap(title_en, 22, size - 220, 400, max_lines=2) if title_en != title_th else []
    for n, line in enumerate(english):
        draw_text(draw, (size / 2, top + len(lines) * 54 + 8 + n * 30), line, 22, SOFT, anchor="m")
    org = wrap(organisation, 22, size - 240, 400, max_lines=1)
    draw_text(draw, (size / 2, size - 95), org[0] if org else "", 22, GOLD, anchor="m")
    return _png(image)


def preview_png(name, title, date, issuer, status_text=""):
    """The share card: name, course, date and issuer on a 1200×630 PNG."""
    width, height = PREVIEW_SIZE
    image = Image.new("RGB", PREVIEW_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 18), fill=BRAND)
    draw.rectangle((0, height - 18, width, height), fill=BRAND)
    draw.ellipse((width - 260, 60, width - 60, 260), fill=GOLD)
    draw.ellipse((width - 244, 76, width - 76, 244), fill=BRAND)
    if not status_text:
        draw.line([(width - 205, 165), (width - 172, 200), (width - 112, 125)], fill=PAPER, width=16, joint="curve")
    draw_text(draw, (70, 110), "ใบประกาศนียบัตร · Certificate", 34, BRAND, 700)
    y = 210
    for line in wrap(name, 64, width - 400, 700, max_lines=2):
        draw_text(draw, (70, y), line, 64, INK, 700)
        y += 80
    y += 10
    for line in wrap(title, 40, width - 140, 400, max_lines=3):
        draw_text(draw, (70, y), line, 40, INK)
        y += 54
    draw_text(draw, (70, height - 110), date, 30, MUTED)
    for line in wrap(issuer, 28, width - 140, 400, max_lines=1):
        draw_text(draw, (70, height - 60), line, 28, MUTED)
    if status_text:
        draw_text(draw, (width - 160, 310), status_text, 30, "#b3261e", 700, anchor="m")
    return _png(image)


def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _chunks(data, max_chunks=10_000):
    """``(kind, body, raw bytes)`` for each chunk of PNG ``data`` (bounded, no image decoding)."""
    if not data.startswith(PNG_SIGNATURE):
        raise BadPNG("not a PNG")
    pos = len(PNG_SIGNATURE)
    for _n in range(max_chunks):
        if pos + 8 > len(data):
            return
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length:
            raise BadPNG("truncated chunk")
        yield kind, body, data[pos : pos + 12 + length]
        if kind == b"IEND":
            return
        pos += 12 + length


def _is_credential_chunk(kind, body):
    return kind == b"iTXt" and body.partition(b"\0")[0] == KEYWORD.encode()


def bake(png, compact):
    """``png`` with the credential in one uncompressed ``openbadgecredential`` iTXt chunk (replacing any).

    The chunk goes right after IHDR; the image data is copied, not re-encoded.
    """
    chunk = _chunk(b"iTXt", KEYWORD.encode() + b"\0\0\0" + b"\0" + b"\0" + compact.encode())
    out = [PNG_SIGNATURE]
    for kind, body, raw in _chunks(png):
        if not _is_credential_chunk(kind, body):
            out.append(raw)
        if kind == b"IHDR":
            out.append(chunk)
    return b"".join(out)


def unbake(data):
    """The text of the first ``openbadgecredential`` iTXt chunk of PNG ``data``, or ``None``."""
    for kind, body, _raw in _chunks(data):
        if _is_credential_chunk(kind, body):
            rest = body.partition(b"\0")[2]
            if len(rest) < 2:
                raise BadPNG("short iTXt chunk")
            compressed, rest = rest[0], rest[2:]
            _lang, _sep, rest = rest.partition(b"\0")
            _tkey, _sep, text = rest.partition(b"\0")
            if compressed:
                text = zlib.decompressobj().decompress(text, 4 * 1024 * 1024)
            return text.decode("utf-8")
    return None
