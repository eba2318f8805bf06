"""Thai words that read back wrong from a PDF (`pdftotext -raw`): upstream Noto Sans Thai against CertThai.

Run: .venv/bin/python -m bench.thai_pdf_text [WORDS]   (default 3000)
Draws dictionary words (PyThaiNLP), one per line, regular then bold, with each font pair and counts the
words whose line is not exactly the word. The sample: every word with a tone mark before ำ, every word with
a tone on an upper vowel after ป ฝ ฟ, then words with ำ and others at an even stride, up to WORDS. Goal: 0
wrong with CertThai (a word too long for the line, wrapped by the layout, is counted apart).
"""

import difflib
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pythainlp.corpus import thai_words
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"


def sample(size):
    words = sorted(w for w in thai_words() if re.fullmatch("[\u0e01-\u0e5b]+", w))
    picked = [w for w in words if re.search("[\u0e48-\u0e4b]\u0e33", w)]
    picked += [w for w in words if re.search("[ปฝฟ][\u0e31\u0e34-\u0e37][\u0e48-\u0e4c]", w)]
    sara_am = [w for w in words if "\u0e33" in w and w not in picked]
    rest = [w for w in words if "\u0e33" not in w and w not in picked]
    room = max(size - len(picked), 0)
    picked += sara_am[:: max(len(sara_am) * 2 // max(room, 1), 1)][: room // 2]
    picked += rest[:: max(len(rest) * 2 // max(room, 1), 1)][: size - len(picked)]
    return picked


def read_back(family, words, folder):
    uris = {weight: (FONTS / f"{family}-{style}.ttf").as_uri() for weight, style in ((400, "Regular"), (700, "Bold"))}
    faces = "".join(f"@font-face {{ font-family: T; font-weight: {w}; src: url('{u}') }}" for w, u in uris.items())
    paragraphs = "".join(f"<p>{word}</p>" for word in words)
    html = f"<body style='font-family: T'>{paragraphs}<div style='font-weight: 700'>{paragraphs}</div>"
    page = "@page { size: 297mm 420mm; margin: 10mm } p { margin: 0; font-size: 14pt }"
    fonts = FontConfiguration()
    pdf = Path(folder) / f"{family}.pdf"
    HTML(string=html).write_pdf(
        pdf, stylesheets=[CSS(string=faces, font_config=fonts), CSS(string=page)], font_config=fonts
    )
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True)
    return [line.strip() for line in text.stdout.replace("\f", "\n").splitlines() if line.strip()]


def compare(expected, lines):
    """(wrong, wrapped, examples): words read back differently, and words only split over two lines."""
    wrong, wrapped, examples = 0, 0, []
    matcher = difflib.SequenceMatcher(None, expected, lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if "".join(expected[i1:i2]) == "".join(lines[j1:j2]) and not any(" " in line for line in lines[j1:j2]):
            wrapped += i2 - i1
            continue
        wrong += max(i2 - i1, 1)
        examples.append(f"{' '.join(expected[i1:i2])} -> {' | '.join(lines[j1:j2])}")
    return wrong, wrapped, examples


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    words = sample(size)
    print(f"{len(words)} words, each drawn regular and bold ({2 * len(words)} lines)")
    with tempfile.TemporaryDirectory() as folder:
        for family in ("NotoSansThai", "CertThai"):
            started = time.perf_counter()
            wrong, wrapped, examples = compare(words + words, read_back(family, words, folder))
            seconds = time.perf_counter() - started
            print(f"{family:>13}: {wrong} lines read back wrong, {wrapped} wrapped by the layout ({seconds:.1f} s)")
            for example in examples[:5]:
                print(f"{'':>15}e.g. {example}")


if __name__ == "__main__":
    main()
