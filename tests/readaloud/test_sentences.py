"""Sentences are cut on the server (PyThaiNLP crfcut, offline) and marked in the HTML the page shows."""

import subprocess
import sys

from bs4 import BeautifulSoup

from readaloud.sentences import cut, mark


def spans_by_sentence(html):
    texts = {}
    for span in BeautifulSoup(html, "html.parser").select("span.ra-s[data-ra]"):
        texts[int(span["data-ra"])] = texts.get(int(span["data-ra"]), "") + span.get_text()
    return [" ".join(texts[n].split()) for n in sorted(texts)]


def test_thai_lesson_text_is_cut_into_sentences_without_losing_a_character():
    text = "รูปสินค้าที่ชัดช่วยให้ลูกค้าตัดสินใจซื้อได้ง่ายขึ้น ถ่ายรูปในที่ที่มีแสงธรรมชาติ แล้ววางสินค้าบนพื้นสีเรียบ ลูกค้าจะเห็นรายละเอียดได้ชัดเจน"
    pieces = cut(text)
    assert "".join(pieces) == text
    assert len(pieces) >= 3
    assert pieces[-1].strip() == "ลูกค้าจะเห็นรายละเอียดได้ชัดเจน"


def test_english_text_is_cut_at_full_stops():
    assert [p.strip() for p in cut("Take photos in daylight. Wipe the lens first.")] == [
        "Take photos in daylight.",
        "Wipe the lens first.",
    ]


def test_marked_html_keeps_the_text_and_numbers_sentences_across_inline_tags():
    html = (
        '<article><p class="eyebrow" data-ra-skip>บทที่ 1 · 5 นาที</p><h1>ถ่ายรูปสินค้า</h1>'
        "<p>ถ่ายรูปในที่ที่มีแสงธรรมชาติ แล้ววาง<b>สินค้าบนพื้นสีเรียบ</b> ลูกค้าจะเห็นรายละเอียดได้ชัดเจน</p>"
        "<ol><li><p>เปิดกล้อง</p></li><li>กดถ่าย &amp; ตรวจดูรูป</li></ol>"
        '<details class="transcript"><summary>อ่านคำบรรยาย</summary><p>ไม่อ่านส่วนที่ซ่อน</p></details></article>'
    )
    marked = mark(html)
    soup = BeautifulSoup(marked.html, "html.parser")
    assert soup.get_text() == BeautifulSoup(html, "html.parser").get_text()  # nothing added or lost
    assert marked.sentences[0] == "ถ่ายรูปสินค้า"
    assert "บทที่ 1" not in " ".join(marked.sentences)  # data-ra-skip
    assert "ไม่อ่านส่วนที่ซ่อน" not in " ".join(marked.sentences)  # collapsed details
    assert spans_by_sentence(marked.html) == list(marked.sentences)
    bold = soup.find("b").find("span")
    assert bold["class"] == ["ra-s"] and bold.get_text() in " ".join(marked.sentences)
    assert "เปิดกล้อง" in marked.sentences and marked.sentences[-1].endswith("ตรวจดูรูป")


def test_html_without_text_has_no_sentences():
    assert mark("<div><img alt='x' src='/a.png'></div>").sentences == ()


def test_sentence_cutting_needs_no_network_and_no_download(tmp_path):
    """crfcut's model ships inside the pythainlp wheel: a fresh process with no network and an empty data
    folder cuts Thai sentences and writes no model file."""
    code = (
        "from pythainlp.tokenize import sent_tokenize;"
        "print(len(sent_tokenize('ถ่ายรูปในที่มีแสง แล้ววางสินค้าบนพื้นสีเรียบ', engine='crfcut')))"
    )
    env = {"HOME": str(tmp_path), "PYTHAINLP_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-c", code]
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        command = ["unshare", "-n", *command]  # no network namespace (as root)
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 2
    downloaded = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert downloaded == []


def test_each_marking_keeps_its_own_csrf_token_and_leaves_lookalike_text_alone():
    form = (
        "<p>ส่งคำตอบของคุณ readaloud-csrf-0</p>"
        '<form><input type="hidden" name="csrfmiddlewaretoken" value="{}"><label>ราคา</label></form>'
    )
    first, second = mark(form.format("a" * 64)), mark(form.format("b" * 64))
    assert f'value="{"a" * 64}"' in first.html and "b" * 64 not in first.html
    assert f'value="{"b" * 64}"' in second.html and "a" * 64 not in second.html
    assert " ".join(spans_by_sentence(second.html)) == "ส่งคำตอบของคุณ readaloud-csrf-0 ราคา"
