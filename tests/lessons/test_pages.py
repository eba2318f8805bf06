"""Course and lesson pages: tree rules, reading in Thai and English, fallback to Thai, images, query counts."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from lessons.models import CatalogPage, CoursePage, HomePage, LessonPage
from tests.factories import (
    UserFactory,
    load_demo_course,
    make_course,
    make_image,
    make_lesson,
    site_pages,
    translate_page,
)

COURSE_TH = "/th/courses/online-selling/"
COURSE_EN = "/en/courses/online-selling/"
LESSON_TH = "/th/courses/online-selling/photograph-your-products/"
LESSON_EN = "/en/courses/online-selling/photograph-your-products/"


@pytest.fixture(autouse=True, scope="module")
def media(module_media):
    """The demo course's images live in one media folder for the module."""


@pytest.fixture(scope="module")
def demo_course_id(module_db, media):
    """The demo "online selling" course in Thai and English, built once for the module (see ``module_db``)."""
    return load_demo_course(site_pages()["catalog"]).pk


@pytest.fixture
def course(site, demo_course_id):
    return CoursePage.objects.get(pk=demo_course_id)


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


# --- tree rules -------------------------------------------------------------------------------------------


def test_authors_cannot_build_a_wrong_tree(site):
    home, catalog = site["home"], site["catalog"]
    course, _lessons = make_course(catalog, slug="tree", lessons=1)
    assert CatalogPage.can_create_at(home)
    assert CoursePage.can_create_at(catalog)
    assert LessonPage.can_create_at(course)
    assert not LessonPage.can_create_at(catalog)
    assert not LessonPage.can_create_at(home)
    assert not CoursePage.can_create_at(home)
    assert not CoursePage.can_create_at(course)
    assert not HomePage.can_create_at(catalog)
    assert LessonPage.allowed_subpage_models() == []


def test_admin_refuses_a_lesson_directly_under_the_catalogue(site, client):
    admin = UserFactory(username="tree-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    catalog = site["catalog"]
    add_lesson = reverse("wagtailadmin_pages:add", args=("lessons", "lessonpage", catalog.pk))
    refused = client.get(add_lesson)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    client.post(add_lesson, {"title": "ผิดที่", "slug": "wrong-place", "minutes": 5, "body-count": 0})
    assert not LessonPage.objects.filter(slug="wrong-place").exists()
    right = client.get(reverse("wagtailadmin_pages:add", args=("lessons", "coursepage", catalog.pk)))
    assert right.status_code == 200 and 'name="title"' in right.content.decode()  # the course form


def test_cover_image_needs_alt_text(site):
    course, _ = make_course(site["catalog"], slug="cover", lessons=0)
    course.cover_image = make_image("cover.png")
    course.cover_alt = " "
    with pytest.raises(Exception) as error:
        course.full_clean()
    assert "cover_alt" in str(error.value)


def test_estimated_time_is_the_sum_of_live_lessons(site):
    course, _ = make_course(site["catalog"], slug="timed", lessons=0)
    make_lesson(course, "a", minutes=7)
    make_lesson(course, "b", minutes=9)
    make_lesson(course, "draft", minutes=30, live=False)
    assert CoursePage.objects.get(pk=course.pk).estimated_minutes == 16


# --- reading in Thai and English --------------------------------------------------------------------------


def test_catalogue_lists_courses_with_time_in_both_languages(course, client):
    th = soup(client.get("/th/courses/"))
    card = th.select_one(".course-card")
    assert card.h2.get_text(strip=True) == "ขายของออนไลน์ด้วยมือถือ"
    assert "ประมาณ 39 นาที" in card.get_text()
    en = soup(client.get("/en/courses/"))
    card = en.select_one(".course-card")
    assert card.h2.a["href"] == COURSE_EN
    assert "About 39 minutes" in card.get_text()
    assert "Online selling" in card.get_text()


def test_course_page_in_thai_shows_outline_in_order_with_times(course, client):
    page = soup(client.get(COURSE_TH))
    assert page.html["lang"] == "th"
    assert page.h1.get_text() == course.title
    titles = [a.select_one(".outline-title").get_text() for a in page.select(".outline a")]
    expected = [lesson.title for lesson in LessonPage.objects.child_of(course).order_by("path")]
    assert titles[: len(expected)] == expected and len(expected) == 5
    assert "7 นาที" in page.select_one(".outline").get_text()
    assert "ประมาณ 39 นาที" in page.select_one(".facts").get_text()
    assert "ระดับเริ่มต้น" in page.select_one(".facts").get_text()
    assert len(page.select(".outcomes li")) == len(course.outcomes)
    start = page.find("a", string="เริ่มเรียนหลักสูตรนี้")
    assert start["href"] == LESSON_TH
    cover = page.select_one(".course-cover img")
    assert cover["alt"] and cover["loading"] == "lazy"


def test_course_page_in_english_is_the_translation(course, client):
    page = soup(client.get(COURSE_EN))
    assert page.html["lang"] == "en"
    english = course.get_translation(Locale.objects.get(language_code="en"))
    assert page.h1.get_text() == english.title != course.title
    assert page.select_one(".lead").get_text() == english.summary
    assert "About 39 minutes" in page.select_one(".facts").get_text()
    assert all(a["href"].startswith("/en/") for a in page.select(".outline a"))
    assert page.find("a", string="Start the course")["href"] == LESSON_EN
    assert "not translated" not in page.get_text()


def test_signed_in_outline_shows_each_lessons_status(course, client):
    learner = UserFactory()
    client.force_login(learner)
    client.get(LESSON_TH)
    page = soup(client.get(COURSE_TH))
    statuses = [li.select_one(".status").get_text() for li in page.select(".outline-item")[:2]]
    assert statuses == ["กำลังเรียน", "ยังไม่ได้เริ่ม"]
    resume = page.select_one("a.continue-link")
    assert resume.get_text().startswith("เรียนต่อจากที่ค้างไว้")
    assert resume["href"] == LESSON_TH


def test_lesson_page_has_breadcrumbs_neighbours_and_every_block(course, client):
    page = soup(client.get(LESSON_TH))
    crumbs = [(a.get_text(), a["href"]) for a in page.select(".breadcrumbs a")]
    assert crumbs == [("หน้าแรก", "/th/"), ("หลักสูตรทั้งหมด", "/th/courses/"), (course.title, COURSE_TH)]
    assert page.select_one(".breadcrumbs [aria-current=page]").get_text() == page.h1.get_text()
    assert page.select_one(".pager-previous") is None
    assert page.select_one(".pager-next")["href"] == COURSE_TH + "set-your-price/"
    assert "บทเรียนที่ 1 จาก 5" in page.select_one(".eyebrow").get_text()
    body = page.select_one(".lesson-body")
    assert body.select("h2.block-heading")
    assert body.select(".steps li .step-title")
    assert body.select(".callout .callout-label")
    assert body.select(".checklist li")
    assert body.select_one(".block-activity .activity-label").get_text() == "ลองทำดู"
    second = soup(client.get(COURSE_TH + "set-your-price/"))
    assert second.select_one(".pager-previous")["href"] == LESSON_TH
    assert "บทเรียนที่ 2 จาก 5" in second.select_one(".eyebrow").get_text()


def test_lesson_images_are_small_webp_renditions_with_alt_and_size(course, client):
    page = soup(client.get(LESSON_TH))
    img = page.select_one(".block-image img")
    assert img["alt"].strip()
    assert img["loading"] == "lazy" and img["width"] and img["height"]
    candidates = [part.strip().split() for part in img["srcset"].split(",")]
    widths = sorted(int(width.rstrip("w")) for _url, width in candidates)
    assert widths[0] <= 360 and widths[-1] <= 960
    assert all(url.endswith(".webp") for url, _w in candidates)
    assert "100vw" in img["sizes"]


def test_english_lesson_renders_translated_blocks(course, client):
    page = soup(client.get(LESSON_EN))
    assert page.html["lang"] == "en"
    crumbs = [a.get_text() for a in page.select(".breadcrumbs a")]
    assert crumbs[:2] == ["Home", "All courses"]
    assert page.select_one(".block-activity .activity-label").get_text() == "Try it yourself"
    thai_letters = re.compile("[\u0e00-\u0e7f]")
    assert not thai_letters.search(page.select_one(".lesson-body").get_text())
    assert page.select_one(".block-image img")["alt"].isascii()


# --- wagtail-localize --------------------------------------------------------------------------------------


def test_english_is_a_wagtail_localize_translation_a_trainer_can_edit(course, client):
    from wagtail_localize.models import StringTranslation, Translation

    english = Locale.objects.get(language_code="en")
    lesson = LessonPage.objects.get(slug="photograph-your-products", locale__language_code="th")
    translation = Translation.objects.get(source__object_id=lesson.translation_key, target_locale=english)
    assert translation.enabled
    heading = next(block for block in lesson.body if block.block_type == "heading")
    string = StringTranslation.objects.get(
        translation_of__data=heading.value, locale=english, context__path=f"body.{heading.id}"
    )
    string.data = "Good light sells"
    string.save()
    translation.save_target(publish=True)
    page = soup(client.get(LESSON_EN))
    assert [h.get_text() for h in page.select("h2.block-heading")].count("Good light sells") == 1

    admin = UserFactory(username="localize-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    english_page = lesson.get_translation(english)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=(english_page.pk,)))
    assert editor.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor.templates]


# --- fallback to Thai --------------------------------------------------------------------------------------


def test_untranslated_lesson_is_served_in_thai_under_en_with_a_note(course, client):
    english = Locale.objects.get(language_code="en")
    lesson = LessonPage.objects.get(slug="set-your-price", locale__language_code="th")
    lesson.get_translation(english).unpublish()
    page = soup(client.get("/en/courses/online-selling/set-your-price/"))
    assert page.html["lang"] == "en"
    assert page.h1.get_text() == lesson.title
    assert "This page is not translated into English yet; showing the Thai version." in page.get_text()
    assert page.select_one("article.lesson")["lang"] == "th"
    assert [a.get_text() for a in page.select(".breadcrumbs a")][:2] == ["Home", "All courses"]
    assert page.select_one(".pager-next")["href"].startswith("/en/courses/online-selling/")
    translated = soup(client.get(LESSON_EN))
    assert "not translated" not in translated.get_text()


def test_untranslated_course_falls_back_and_the_switcher_reaches_it(site, client):
    course, _ = make_course(site["catalog"], slug="thai-only", lessons=2, title="หลักสูตรภาษาไทยเท่านั้น")
    thai_page = soup(client.get("/th/courses/thai-only/"))
    switch = thai_page.select_one('.lang a[hreflang="en"]')
    assert switch["href"] == "/en/courses/thai-only/"
    page = soup(client.get(switch["href"]))
    assert page.h1.get_text() == "หลักสูตรภาษาไทยเท่านั้น"
    assert "This page is not translated into English yet" in page.get_text()
    assert [a["href"] for a in page.select(".outline a")] == [
        "/en/courses/thai-only/quiz-course-lesson-1/".replace("quiz-course", "thai-only"),
        "/en/courses/thai-only/thai-only-lesson-2/",
    ]
    lesson = soup(client.get("/en/courses/thai-only/thai-only-lesson-1/"))
    assert lesson.h1.get_text() == "บทเรียนที่ 1"


def test_missing_pages_are_404_in_both_languages(course, client):
    assert client.get("/th/courses/no-such-course/").status_code == 404
    assert client.get("/en/courses/no-such-course/").status_code == 404
    assert client.get("/en/courses/online-selling/no-such-lesson/").status_code == 404
    draft = make_lesson(course, "draft-lesson", live=False)
    assert client.get(f"{COURSE_TH}{draft.slug}/").status_code == 404
    assert client.get(f"{COURSE_EN}{draft.slug}/").status_code == 404


# --- previews ------------------------------------------------------------------------------------------------


def test_previews_open_at_phone_width(site):
    course, lessons = make_course(site["catalog"], slug="preview", lessons=1)
    for page in (course, lessons[0], site["catalog"]):
        assert page.default_preview_size == "mobile"
        assert page.preview_sizes[0]["device_width"] == 360


def test_admin_preview_of_a_lesson_renders_without_recording_progress(site, client):
    from lessons.models import LessonProgress

    course, lessons = make_course(site["catalog"], slug="previewed", lessons=2)
    admin = UserFactory(username="preview-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(lessons[1].pk,)))
    assert response.status_code == 200
    assert "บทเรียนที่ 2" in response.content.decode()
    assert not LessonProgress.objects.filter(user=admin).exists()


# --- query counts --------------------------------------------------------------------------------------------


def queries_of(client, url):
    client.get(url)  # warm caches (content types, site root paths) as in a running server
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries.captured_queries


def _lesson_queries(client, url):
    return len(queries_of(client, url))


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_lesson_page_queries_do_not_grow_with_the_course(site, client, signed_in):
    small, small_lessons = make_course(site["catalog"], slug="small", lessons=3)
    large, large_lessons = make_course(site["catalog"], slug="large", lessons=30)
    for page in [small, *small_lessons, large, *large_lessons]:
        translate_page(page, title=f"{page.slug} in English")
    if signed_in:
        client.force_login(UserFactory())
    small_count = _lesson_queries(client, small_lessons[1].url)
    large_count = _lesson_queries(client, large_lessons[15].url)
    if small_count != large_count or (not signed_in and large_count > 12):
        for query in queries_of(client, large_lessons[15].url):
            print(query["sql"][:200])
    assert small_count == large_count
    if not signed_in:
        assert large_count <= 12
