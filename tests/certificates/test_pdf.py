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

from .conftest import COURSE_EN, COURSE_TH

pytestmark = pytest.mark.django_db

THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"


def normalise(text):
    """The two things pdftotext does to Thai: drops SARA AM's nikhahit, may put a space before a mark."""
    text = text.replace("\u0e33", "\u0e32")
    return re.sub(rf"\s+([{THAI_MARKS}])", r"\1", text)


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
    text = normalise(pdf_text(pdf_path))
    for expected in [
        "นางบุญมี ทองดี",
        COURSE_TH,
        COURSE_EN,
        "24 พฤศจิกายน 2569",
        certificate.code,
        "ศูนย์ดิจิทัลชุมชนวัดพระสิงห์",
        "ใบประกาศนียบัตร",
    ]:
        assert normalise(expected) in text


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
    assert client.get(response["Location"]).status_code == 200


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
    name = normalise(name)
    words = [normalise(word) for word in words]
    lines = [line.strip() for line in normalise(pdf_text(path)).splitlines()]
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


@pytest.mark.xfail(
    strict=True,
    reason="Not fixed (issue #10): HarfBuzz's Thai shaper always splits SARA AM into NIKHAHIT + SARA AA, and "
    "WeasyPrint 70 writes one ToUnicode entry per glyph (first use wins, no /ActualText), so the SARA AA "
    "glyph reads as า (or every า as ำ) and the nikhahit as nothing.",
)
def test_sara_am_reads_back_exactly(course, centre, tmp_path):
    from tests.factories import UserFactory

    learner = UserFactory(username="khamkaeo", display_name="นางคำแก้ว ทองดี", home_centre=centre)
    certificate, _ = services.issue(learner, course, require_completion=False)
    path = tmp_path / "sara-am.pdf"
    path.write_bytes(render_pdf(certificate))
    text = pdf_text(path)
    assert "นางคำแก้ว ทองดี" in text
    assert "ผู้อำนวยการ" in text
