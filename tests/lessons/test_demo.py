"""The demo loader: four bilingual courses, made idempotently, English through wagtail-localize."""

from io import StringIO

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from lessons.demo import load
from lessons.demo.courses import TOPICS
from lessons.models import CoursePage, LessonPage, Topic


@pytest.fixture(scope="module")
def loaded(module_db, module_media):
    """The lessons demo, loaded once for the module (see ``module_db``); each test loads it again."""
    load(StringIO())


def snapshot():
    pages = sorted(
        (page.url_path, page.locale.language_code, page.title, page.live)
        for page in Page.objects.filter(depth__gte=2).select_related("locale")
    )
    bodies = sorted(
        (lesson.url_path, lesson.minutes, lesson.intro, lesson.body.get_prep_value().__repr__())
        for lesson in LessonPage.objects.all()
    )
    images = sorted(get_image_model().objects.values_list("title", "file"))
    topics = sorted(Topic.objects.values_list("slug", "locale__language_code", "name"))
    return pages, bodies, images, topics


def test_load_twice_gives_the_same_pages_images_and_translations(site, loaded):
    first = snapshot()
    revisions = Revision.objects.count()
    load(StringIO())
    assert snapshot() == first
    assert Revision.objects.count() == revisions

    pages, _bodies, images, topics = first
    assert len(images) == len({title for title, _file in images})
    assert {(slug, lang) for slug, lang, _name in topics} == {
        (slug, lang) for slug, _th, _en in TOPICS for lang in ("th", "en")
    }
    for language in ("th", "en"):
        courses = CoursePage.objects.live().filter(locale__language_code=language)
        assert sorted(course.slug for course in courses) == sorted(slug for slug, _th, _en in TOPICS)
        for course in courses:
            assert LessonPage.objects.child_of(course).live().count() >= 4
            assert course.topic.locale_id == course.locale_id
            assert course.cover_image and course.cover_alt
    english_lessons = LessonPage.objects.filter(locale__language_code="en")
    assert english_lessons.count() == LessonPage.objects.filter(locale__language_code="th").count() >= 16
    translated_keys = set(Translation.objects.values_list("source__object_id", flat=True))
    assert all(lesson.translation_key in translated_keys for lesson in english_lessons)


def test_a_changed_thai_text_updates_both_languages_on_reload(site, loaded, monkeypatch):
    import lessons.demo.courses as courses

    original = courses.course_data

    def edited():
        data = original()
        data[0]["lessons"][0]["title"] = {"th": "ถ่ายรูปสินค้าให้น่าซื้อ (แก้ไข)", "en": "Photograph your products (edited)"}
        return data

    monkeypatch.setattr("lessons.demo.course_data", edited)
    load(StringIO())
    lesson = LessonPage.objects.get(slug="photograph-your-products", locale__language_code="th")
    english = LessonPage.objects.get(slug="photograph-your-products", locale__language_code="en")
    assert lesson.title == "ถ่ายรูปสินค้าให้น่าซื้อ (แก้ไข)" and lesson.live
    assert english.title == "Photograph your products (edited)" and english.live
    assert LessonPage.objects.filter(slug="photograph-your-products").count() == 2
