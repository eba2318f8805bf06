"""Generated PDFs read back with poppler (pdftotext, pdffonts, pdftoppm) and the QR decoded with zxing-cpp."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from certificates import services
from certificates.pdf import LocalFetcher, render_pdf, verification_url
from tests.factories import COURSE_EN, COURSE_TH

pytestmark = pytest.mark.django_db


def pdf_text(path):
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def certificate(completed_learner, course):
    certificate, _ = services.issue(completed_learner, course)
    certificate.issued_at = timezone.make_aware(datetime.datetime(2026, 11, 24, 10, 30))
    certificate.save()
    return certificate


@pytest.fixture
def pdf_path(certificate, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(render_pdf(certificate))
    return path


def test_pdf_text_has_thai_name_titles_dates_and_code(pdf_path, certificate):
    text = pdf_text(pdf_path)
    for expected in [
        "นางบุญมี ทองดี",
        COURSE_TH,
        COURSE_EN,
        "24 พฤศจิกายน 2569",
        certificate.code,
        "ศูนย์ดิจิทัลชุมชนวัดพระสิงห์",
        "ใบประกาศนียบัตร",
    ]:
        assert expected in text


def test_latin_letters_and_digits_are_real_latin_glyphs(pdf_path):
    """The WeasyPrint unicode-range trap printed these as Thai glyphs; pdftotext would then not find them."""
    text = pdf_text(pdf_path)
    assert "24 November 2026" in text
    assert COURSE_EN in text
    assert "Wat Phra Singh Community Digital Centre" in text


def test_pdf_is_one_a4_landscape_page_with_the_repo_fonts_embedded(pdf_path):
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (842, 595)
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    embedded = {row[0].split("+", 1)[-1]: row[-5] for row in rows}
    assert embedded.get("CertThai") == "yes"
    assert embedded.get("CertThai-Bold") == "yes"
    assert embedded.get("CertLatin") == "yes"
    assert all(flag == "yes" for flag in embedded.values()), fonts


PUBLIC = "https://learn.cdc-thailand.example.org"


@override_settings(PUBLIC_BASE_URL=PUBLIC)
def test_qr_code_opens_the_public_verification_url(certificate, tmp_path):
    path = tmp_path / "public.pdf"
    path.write_bytes(render_pdf(certificate))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    barcodes = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    payloads = [barcode.text for barcode in barcodes if barcode.format == zxingcpp.BarcodeFormat.QRCode]
    assert payloads == [f"{PUBLIC}/verify/{certificate.code}/"]


@override_settings(PUBLIC_BASE_URL=PUBLIC)
def test_printed_address_is_the_public_one_on_one_line(certificate, tmp_path):
    path = tmp_path / "public.pdf"
    path.write_bytes(render_pdf(certificate))
    lines = [line.strip() for line in pdf_text(path).splitlines()]
    assert f"learn.cdc-thailand.example.org/verify/{certificate.code}/" in lines
    assert not any("127.0.0.1" in line for line in lines)


def test_production_public_address_comes_from_the_environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "cdc.example.org",
        "DATABASE_URL": "",
    }
    code = "from django.conf import settings; print(settings.PUBLIC_BASE_URL)"
    run = [sys.executable, "manage.py", "shell", "-c", code]
    out = subprocess.run(run, env=env, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR).stdout
    assert out.strip().splitlines()[-1] == "https://cdc.example.org"
    env["PUBLIC_BASE_URL"] = "https://learn.example.org/"
    out = subprocess.run(run, env=env, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR).stdout
    assert out.strip().splitlines()[-1] == "https://learn.example.org"


def test_qr_url_leads_to_the_verification_page(client, certificate):
    path = urlsplit(verification_url(certificate.code)).path
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 302 and response["Location"] == f"/th/verify/{certificate.code}/"
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == f"/en/verify/{certificate.code}/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Valid certificate" in page.content.decode()


def test_long_thai_name_wraps_between_words(course, centre, tmp_path):
    from tests.factories import UserFactory

    words = [
        "นางสาว",
        "ประภาพรรณ",
        " ",
        "ศรี",
        "สวัสดิ์",
        "มงคล",
        "เจริญ",
        "สุข",
        "รุ่งเรือง",
        "ไพศาล",
        "ทอง",
        "คำ",
        "ยิ่งใหญ่",
        "สมบูรณ์",
        "พูนผล",
        "ดีเลิศ",
        "ประเสริฐ",
    ]
    name = "".join(words)
    learner = UserFactory(username="longname", display_name=name, home_centre=centre)
    certificate, _ = services.issue(learner, course, require_completion=False)
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(certificate))
    lines = [line.strip() for line in pdf_text(path).splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("นางสาว"))
    joined, end = "", start
    while joined.replace(" ", "") != name.replace(" ", ""):
        assert end < len(lines) and name.replace(" ", "").startswith((joined + lines[end]).replace(" ", ""))
        joined += lines[end]
        end += 1
    assert end - start >= 2, "the long name should need more than one line"
    boundaries, position = set(), 0
    for word in words:
        if word != " ":
            position += len(word)
            boundaries.add(position)
    position = 0
    for line in lines[start : end - 1]:
        position += len(line.replace(" ", ""))
        assert position in boundaries, f"line broke inside a word: {line!r}"


def test_fetcher_reads_only_data_and_files_under_static_or_media():
    fetcher = LocalFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("http://example.org/logo.png")
    response = fetcher.fetch("data:text/plain,ok")
    assert response.read() == b"ok"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd#/../{static}/fonts/OFL.txt",
        "file:///etc/passwd?/../{static}/fonts/OFL.txt",
        "file:///etc/passwd?x#{static}/fonts/OFL.txt",
        "file:///{static}/fonts/OFL.txt#frag",
        "file://evil.example/{static}/fonts/OFL.txt",
        "file:///{static}/../../../../../etc/passwd",
        "FILE:///etc/passwd#/../{static}/fonts/OFL.txt",
    ],
)
def test_fetcher_refuses_allow_list_bypasses(url):
    """A fragment or query made the old prefix check pass, then WeasyPrint dropped it and read /etc/passwd."""
    from django.conf import settings

    static = str(settings.STATICFILES_DIRS[0]).strip("/")
    with pytest.raises(ValueError):
        LocalFetcher().fetch(url.format(static=static))


def test_fetcher_opens_the_checked_file_under_static():
    from django.conf import settings

    path = Path(settings.STATICFILES_DIRS[0]).resolve() / "fonts" / "OFL.txt"
    assert b"SIL" in LocalFetcher().fetch(path.as_uri()).read()


def test_sara_am_reads_back_exactly(course, centre, tmp_path):
    from tests.factories import UserFactory

    learner = UserFactory(username="khamkaeo", display_name="นางคำแก้ว ทองดี", home_centre=centre)
    certificate, _ = services.issue(learner, course, require_completion=False)
    path = tmp_path / "sara-am.pdf"
    path.write_bytes(render_pdf(certificate))
    text = pdf_text(path)
    assert "นางคำแก้ว ทองดี" in text
    assert "ผู้อำนวยการ" in text


def test_realistic_certificate_with_sara_am_reads_back_exactly(course, tmp_path):
    """ำ before and after า, with and without tone marks, and tone marks on upper vowels after ป ฝ ฟ."""
    from certificates.models import CertificateSettings
    from tests.factories import CentreFactory, UserFactory

    centre = CentreFactory(name_th="ศูนย์ดิจิทัลชุมชนบ้านน้ำคำ", name_en="Ban Nam Kham Community Digital Centre")
    learner = UserFactory(username="samran", display_name="นายสำราญ ทำดี", home_centre=centre)
    title_th = "การทำบัญชีกำไร จำนวนเงินที่ชำระ และดูแลปั๊มน้ำ"
    certificate, _ = services.issue(
        learner, course, titles=(title_th, "Bookkeeping, Payments and Water Pumps"), require_completion=False
    )
    site_settings = CertificateSettings(
        organisation_name_th="สำนักงานส่งเสริมเศรษฐกิจดิจิทัล",
        organisation_name_en="Digital Economy Promotion Agency",
        signatory_name="นางกิ๊ก ปั้นทอง",
        signatory_title_th="ผู้อำนวยการศูนย์ดิจิทัลชุมชน",
        signatory_title_en="Centre Director",
    )
    path = tmp_path / "samran.pdf"
    path.write_bytes(render_pdf(certificate, site_settings))
    lines = [line.strip() for line in pdf_text(path).splitlines()]
    for line in [
        "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล",
        "ใบประกาศนียบัตร",
        "นายสำราญ ทำดี",
        title_th,
        "นางกิ๊ก ปั้นทอง",
        "ผู้อำนวยการศูนย์ดิจิทัลชุมชน",
    ]:
        assert line in lines
    text = "\n".join(lines)
    assert "ศูนย์ดิจิทัลชุมชนบ้านน้ำคำ · Ban Nam Kham Community Digital Centre" in text
    assert "\u0e4d" not in text, "a nikhahit glyph read back on its own"


def write_pdf(html, path, font_faces, page="@page { size: 420mm 297mm; margin: 10mm }"):
    """``html`` as a PDF with only ``font_faces`` (``@font-face`` rules) to draw it; local files only."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts, fetcher = FontConfiguration(), LocalFetcher()
    stylesheets = [CSS(string=font_faces, font_config=fonts, url_fetcher=fetcher), CSS(string=page)]
    HTML(string=html, url_fetcher=fetcher).write_pdf(path, stylesheets=stylesheets, font_config=fonts)


def render_words(words, tmp_path, name="words.pdf"):
    """``words`` one per line in the certificate's Thai fonts (regular, then bold); pdftotext's lines back."""
    from certificates.pdf import font_css

    paragraphs = "".join(f"<p style='margin: 0; font-size: 14pt'>{word}</p>" for word in words)
    html = f"<body style='font-family: CertThai'>{paragraphs}<div style='font-weight: 700'>{paragraphs}</div>"
    write_pdf(html, tmp_path / name, font_css())
    return [line.strip() for line in pdf_text(tmp_path / name).replace("\f", "\n").splitlines() if line.strip()]


TRICKY = [
    *["คำ", "กา", "ทำ", "ทา", "น้ำ", "น้า", "ค้ำ", "ต่ำ", "ก๊ำ", "ก๋ำ", "ป้ำ", "ฟ้ำ", "จำนวน", "กำไร", "ชำระ"],
    *["ผู้อำนวยการ", "ที่", "แก้ว", "ปั๊ม", "กิ๊ก", "ฝั่ง", "ปื้น", "เฟื่อง", "ปี่", "ปิ่น", "ป่า", "ฟ้า", "สํ"],
]


@pytest.mark.parametrize("order", [1, -1], ids=["as-listed", "reversed"])
def test_thai_words_read_back_exactly_whichever_comes_first(tmp_path, order):
    """The first use of a glyph fixed its text for the whole PDF: ำ first turned every า into ำ, and back."""
    words = TRICKY[::order]
    assert render_words(words, tmp_path) == words + words


def test_thai_dictionary_words_read_back_exactly(tmp_path):
    """Every ำ after a tone mark and every tone on an upper vowel after ป ฝ ฟ in PyThaiNLP's word list."""
    from pythainlp.corpus import thai_words

    words = sorted(w for w in thai_words() if re.fullmatch("[\u0e01-\u0e5b]{1,25}", w))
    tone_sara_am = [w for w in words if re.search("[\u0e48-\u0e4b]\u0e33", w)]
    tall_vowel_tone = [w for w in words if re.search("[ปฝฟ][\u0e31\u0e34-\u0e37][\u0e48-\u0e4c]", w)]
    sample = tone_sara_am + tall_vowel_tone + [w for w in words if "\u0e33" in w][::10] + words[::100]
    assert len(sample) > 2000
    lines = render_words(sample, tmp_path)
    wrong = [(word, line) for word, line in zip(sample + sample, lines, strict=False) if word != line]
    assert len(lines) == 2 * len(sample) and not wrong, wrong[:10]


def test_derived_fonts_are_the_committed_build_and_look_like_noto(tmp_path):
    """tools/thai_pdf_fonts.py rebuilds the committed fonts byte for byte, and they draw what Noto draws."""
    from PIL import ImageChops

    check = subprocess.run(
        [sys.executable, "tools/thai_pdf_fonts.py", "--check"], cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    fonts = Path(settings.STATICFILES_DIRS[0]).resolve() / "fonts"
    words = " ".join(TRICKY)
    images = []
    for family in ("NotoSansThai", "CertThai"):
        uris = {
            weight: (fonts / f"{family}-{style}.ttf").as_uri() for weight, style in ((400, "Regular"), (700, "Bold"))
        }
        faces = "".join(f"@font-face {{ font-family: T; font-weight: {w}; src: url('{u}') }}" for w, u in uris.items())
        html = f"<p style='font: 20pt T'>{words}</p><p style='font: 700 20pt T'>{words}</p>"
        pdf = tmp_path / f"{family}.pdf"
        write_pdf(html, pdf, faces, page="@page { size: 400mm 100mm }")
        if family == "CertThai":
            assert pdf_text(pdf).split() == 2 * TRICKY
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", str(pdf), str(tmp_path / family)], check=True)
        images.append(Image.open(tmp_path / f"{family}.pgm").convert("L"))
    assert images[0].getextrema()[0] == 0, "nothing was drawn"
    # Poppler snaps glyphs to whole pixels and Pango rounds offsets, so an unchanged mark can land one pixel
    # off: compare each pixel with its best match one pixel around it (the build gives at most 88; Noto's own
    # nikhahit + tone ligatures unchanged, or a moved outline without moved anchors, give 255).
    nearest = None
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            difference = ImageChops.difference(images[0], ImageChops.offset(images[1], dx, dy))
            nearest = difference if nearest is None else ImageChops.darker(nearest, difference)
    assert nearest.getextrema()[1] <= 128, "a glyph is drawn more than a pixel away from Noto's at 150 dpi"
