"""Search over courses and lessons: Thai words in unspaced Thai text, the reader's language only, live pages only."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail.search.models import IndexEntry

from lessons.search import MAX_QUERY_LENGTH, search, segment
from tests.factories import UserFactory, item, make_course, make_lesson, steps_block

pytestmark = pytest.mark.usefixtures("search_index")

ROOT = Path(__file__).resolve().parents[2]
TH = "/th/learning/search/"
EN = "/en/learning/search/"

PASSWORD_BODY = [
    {"type": "heading", "value": "ทำไมต้องระวัง"},
    {"type": "paragraph", "value": "<p>บัญชีออนไลน์ของเรามีค่า ควร<b>ตั้งรหัสผ่านให้ปลอดภัย</b>และไม่ใช้ซ้ำกัน</p>"},
    steps_block("ทำตามนี้", {"s1": ("เปิดการยืนยันตัวตนสองขั้นตอน", "<p>ในหน้าตั้งค่าบัญชี</p>")}),
    {"type": "checklist", "value": {"title": "", "items": [item("c1", "อย่าบอกรหัส OTP กับใคร")]}},
]
PASSWORD_BODY_EN = [
    {
        "type": "paragraph",
        "value": "<p>Your online accounts matter: <b>set a safe password</b> and never reuse it.</p>",
    },
    {"type": "callout", "value": {"kind": "safety", "text": "<p>Never tell anyone your OTP code.</p>"}},
]


@pytest.fixture
def pages(site):
    course, _ = make_course(
        site["catalog"], "safe-internet", 0, "ใช้อินเทอร์เน็ตอย่างปลอดภัย", summary="รู้ทันกลโกงและดูแลบัญชีของตัวเอง"
    )
    lesson = make_lesson(course, "strong-accounts", title="บัญชีที่แข็งแรง", body=PASSWORD_BODY, intro="ดูแลบัญชีออนไลน์")
    english = Locale.objects.get(language_code="en")
    course_en = course.copy_for_translation(english)
    course_en.title = "Use the internet safely"
    course_en.summary = "Spot scams and look after your accounts."
    course_en.save_revision().publish()
    lesson_en = lesson.copy_for_translation(english)
    lesson_en.title = "Strong accounts"
    lesson_en.intro = "Look after your online accounts."
    lesson_en.body = json.dumps(PASSWORD_BODY_EN)
    lesson_en.save_revision().publish()
    return {"course": course, "lesson": lesson, "course_en": course_en, "lesson_en": lesson_en}


def result_titles(response):
    return [r.page.title for r in (response.context["results"] or [])]


def test_thai_word_finds_the_lesson_that_has_it_inside_a_thai_sentence(client, pages):
    response = client.get(TH, {"q": "รหัสผ่าน"})
    assert response.status_code == 200
    assert result_titles(response) == ["บัญชีที่แข็งแรง"]
    html = response.content.decode()
    assert "บทเรียน" in html  # the kind of result
    assert "หลักสูตร: ใช้อินเทอร์เน็ตอย่างปลอดภัย" in html  # the lesson's course
    assert "<mark>รหัสผ่าน</mark>" in html  # the snippet shows where the word is
    assert f'href="{pages["lesson"].url}"' in html


def test_pages_with_the_words_in_their_title_come_first_then_in_course_order(client, pages):
    body = [{"type": "paragraph", "value": "<p>รหัสผ่านที่ดียาวอย่างน้อย 12 ตัว</p>"}]
    make_lesson(pages["course"], "safe-passwords", title="ตั้งรหัสผ่านให้ปลอดภัย", body=body)
    make_lesson(pages["course"], "review", title="ทบทวนบทเรียน", body=body)
    titles = result_titles(client.get(TH, {"q": "รหัสผ่าน"}))
    assert titles == ["ตั้งรหัสผ่านให้ปลอดภัย", "บัญชีที่แข็งแรง", "ทบทวนบทเรียน"]


def test_thai_words_in_nested_blocks_and_in_a_course_summary_are_found(client, pages):
    assert result_titles(client.get(TH, {"q": "ยืนยันตัวตน"})) == ["บัญชีที่แข็งแรง"]  # a step inside steps
    assert result_titles(client.get(TH, {"q": "OTP"})) == ["บัญชีที่แข็งแรง"]  # a checklist item
    response = client.get(TH, {"q": "กลโกง"})
    assert result_titles(response) == ["ใช้อินเทอร์เน็ตอย่างปลอดภัย"]
    assert '<span class="result-kind">หลักสูตร</span>' in response.content.decode()


def test_a_thai_word_that_is_not_there_finds_nothing_and_says_so(client, pages):
    response = client.get(TH, {"q": "ทุเรียน"})
    assert response.status_code == 200
    assert result_titles(response) == []
    assert "ไม่พบหลักสูตรหรือบทเรียนที่มีคำว่า “ทุเรียน”" in response.content.decode()
    # Every word must match: one missing word is enough to find nothing.
    assert result_titles(client.get(TH, {"q": "รหัสผ่าน ทุเรียน"})) == []


def test_a_piece_of_a_thai_word_across_a_word_boundary_finds_nothing(client, pages):
    # "หัสผ่" is the middle of "รหัสผ่าน": no Thai reader would search for it, and matching it would mean
    # substring search, which also finds words that only look alike.
    assert "รหัสผ่าน" in segment("ตั้งรหัสผ่านให้ปลอดภัย").split()
    response = client.get(TH, {"q": "หัสผ่"})
    assert response.status_code == 200
    assert result_titles(response) == []


def test_english_search_under_en_finds_english_pages_only(client, pages):
    response = client.get(EN, {"q": "password"})
    assert response.status_code == 200
    assert result_titles(response) == ["Strong accounts"]
    html = response.content.decode()
    assert "Lesson" in html and "Course: Use the internet safely" in html
    assert "บัญชีที่แข็งแรง" not in html
    # A Thai word under /en/ finds nothing (the Thai page is not shown), and English words under /th/ neither.
    assert result_titles(client.get(EN, {"q": "รหัสผ่าน"})) == []
    assert result_titles(client.get(TH, {"q": "password"})) == []
    assert result_titles(client.get(EN, {"q": "OTP"})) == ["Strong accounts"]  # text inside a callout


def test_unpublished_pages_and_unpublished_changes_are_not_found(client, pages):
    draft = make_lesson(
        pages["course"],
        "phone-scams",
        title="กลโกงทางโทรศัพท์",
        body=[{"type": "paragraph", "value": "<p>ระวังมิจฉาชีพ</p>"}],
        live=False,
    )
    draft.save_revision()  # a lesson in draft, as a trainer leaves it
    assert result_titles(client.get(TH, {"q": "มิจฉาชีพ"})) == []

    lesson = pages["lesson"]
    lesson.body = json.dumps([{"type": "paragraph", "value": "<p>เรื่องใหม่เกี่ยวกับพร้อมเพย์</p>"}])
    lesson.save_revision()  # a draft change, not yet published
    assert result_titles(client.get(TH, {"q": "พร้อมเพย์"})) == []
    assert result_titles(client.get(TH, {"q": "รหัสผ่าน"})) == ["บัญชีที่แข็งแรง"]

    draft.get_latest_revision().publish()
    assert result_titles(client.get(TH, {"q": "มิจฉาชีพ"})) == ["กลโกงทางโทรศัพท์"]  # indexed when published
    draft.refresh_from_db()
    draft.unpublish()
    assert result_titles(client.get(TH, {"q": "มิจฉาชีพ"})) == []


def test_a_too_long_query_gets_a_translated_400_not_a_500(client, pages):
    response = client.get(TH, {"q": "ก" * (MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 400
    assert f"กรุณาใช้คำค้นที่สั้นลง ไม่เกิน {MAX_QUERY_LENGTH} ตัวอักษร" in response.content.decode()
    response = client.get(EN, {"q": "a" * (MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 400
    assert f"at most {MAX_QUERY_LENGTH} characters" in response.content.decode()
    longest = client.get(TH, {"q": "ก" * MAX_QUERY_LENGTH})
    assert longest.status_code == 200 and "กรุณาใช้คำค้นที่สั้นลง" not in longest.content.decode()
    assert longest.context["results"] is not None  # searched, not refused


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_shows_just_the_form(client, pages, query):
    response = client.get(TH, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html and "ค้นหาหลักสูตรและบทเรียน" in html
    assert response.context["results"] is None
    assert "ไม่พบ" not in html and 'class="search-results"' not in html


@pytest.mark.parametrize("query", ["!!!", "'\"*()", "รหัสผ่าน OR", "NEAR(a b)", "a AND -b", "<script>alert(1)</script>"])
def test_punctuation_and_search_syntax_in_the_query_are_harmless(client, pages, query):
    response = client.get(TH, {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_search_is_public_for_visitors_and_signed_in_learners(client, pages):
    assert client.get(TH, {"q": "รหัสผ่าน"}).status_code == 200  # anonymous
    client.force_login(UserFactory())
    assert result_titles(client.get(TH, {"q": "รหัสผ่าน"})) == ["บัญชีที่แข็งแรง"]
    assert client.post(TH, {"q": "รหัสผ่าน"}).status_code == 405  # read-only


def test_htmx_request_gets_only_the_results_fragment(client, pages):
    response = client.get(TH, {"q": "รหัสผ่าน"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<mark>รหัสผ่าน</mark>" in html


def test_the_nav_has_a_search_form_that_works_without_javascript(client, pages):
    html = client.get("/th/").content.decode()
    assert '<form method="get" action="/th/learning/search/" role="search"' in html
    assert 'name="q"' in html


def test_query_count_does_not_grow_with_the_number_of_results(client, pages):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(TH, {"q": "ไข่เค็ม"})
        return len(ctx), len(response.context["results"])

    course = pages["course"]
    body = [{"type": "paragraph", "value": "<p>วิธีขายไข่เค็มให้ลูกค้าประจำ</p>"}]
    for n in range(3):
        make_lesson(course, f"salted-egg-{n}", title=f"ไข่เค็ม {n}", body=body)
    count_queries()  # the first request also loads the site root and the like
    few, shown = count_queries()
    assert shown == 3
    for n in range(3, 15):
        make_lesson(course, f"salted-egg-{n}", title=f"ไข่เค็ม {n}", body=body)
    count_queries()  # publishing pages empties the cached site root (lms.sites): reload it
    many, shown = count_queries()
    assert shown == 15
    assert many == few


def test_results_are_paginated(client, pages):
    body = [{"type": "paragraph", "value": "<p>วิธีขายไข่เค็มให้ลูกค้าประจำ</p>"}]
    for n in range(23):
        make_lesson(pages["course"], f"salted-egg-{n}", title=f"ไข่เค็ม {n}", body=body)
    first = client.get(TH, {"q": "ไข่เค็ม"})
    second = client.get(TH, {"q": "ไข่เค็ม", "page": 2})
    assert len(first.context["results"]) == 20 and len(second.context["results"]) == 3
    assert not set(result_titles(first)) & set(result_titles(second))
    assert "หน้า 1 จาก 2" in first.content.decode()
    bad_page = client.get(TH, {"q": "ไข่เค็ม", "page": "x"})
    assert bad_page.status_code == 200 and "หน้า 1 จาก 2" in bad_page.content.decode()
    assert result_titles(bad_page) == result_titles(first)


def test_update_index_rebuilds_the_thai_index(pages):
    IndexEntry.objects.all().delete()
    thai = Locale.objects.get(language_code="th")
    assert search("รหัสผ่าน", thai) == []
    call_command("update_index", verbosity=0)
    assert search("รหัสผ่าน", thai) == [pages["lesson"].pk]


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1) to cut the network")
def test_the_thai_segmenter_works_offline_and_writes_nothing(tmp_path):
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot create a network namespace here")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP")}
    env.update(HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="lms.settings.test")
    code = (
        "import django; django.setup(); import socket\n"
        "try:\n    socket.create_connection(('1.1.1.1', 80), timeout=2); print('NETWORK')\n"
        "except OSError:\n    pass\n"
        "from lessons.search import segment; print(segment('ตั้งรหัสผ่านให้ปลอดภัย'))"
    )
    out = subprocess.run(
        ["unshare", "-rn", sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[0] == "ตั้ง รหัสผ่าน ให้ ปลอดภัย"
    assert list(tmp_path.iterdir()) == []  # no ~/pythainlp-data
