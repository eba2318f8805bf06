"""The demo: every demo course has at least two bilingual practices inside its lessons; loading is idempotent."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import TextField
from django.db.models.functions import Cast
from wagtail.models import Locale, Page, Revision

from lessons.models import CoursePage, LessonPage
from practice.activities import activities_of
from practice.blocks import lesson_blocks
from practice.demo import practice_data


@pytest.fixture(scope="module")
def loaded(module_db):
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def demo(db, loaded):
    """The whole demo, loaded once for the module (see ``module_db``)."""


def test_each_demo_course_has_two_bilingual_practices_inside_its_lessons(demo, client):
    english = Locale.objects.get(language_code="en")
    blocks = dict(lesson_blocks())
    files = practice_data()
    assert len(files) == 4
    kinds = set()
    for data in files:
        course = CoursePage.objects.get(locale__language_code="th", slug=data["course"])
        lessons = LessonPage.objects.child_of(course).live()
        with_practice = {lesson.slug: lesson for lesson in lessons if activities_of(lesson)}
        assert sum(len(activities_of(lesson)) for lesson in with_practice.values()) >= 2
        assert {practice["after"] for practice in data["practices"]} == set(with_practice)
        for lesson in with_practice.values():
            # The trainer's rules hold for the demo data (e.g. "go to step" only forward, a right reason).
            for child in lesson.body.raw_data:
                if child["type"] in blocks:
                    block = blocks[child["type"]]
                    block.clean(block.to_python(child["value"]))
            lesson_en = lesson.get_translation(english)
            assert lesson_en.live
            acts_th, acts_en = list(activities_of(lesson).values()), list(activities_of(lesson_en).values())
            assert [a.key for a in acts_en] == [a.key for a in acts_th]
            for thai, eng in zip(acts_th, acts_en, strict=True):
                kinds.add(thai.kind)
                assert thai.title != eng.title
            for page in (lesson, lesson_en):
                response = client.get(page.url)
                assert response.status_code == 200
                html = response.content.decode()
                assert all(f'id="activity-{a.key}"' in html for a in acts_th)
    assert kinds == {"simulator", "spot_fake", "price", "safe_form"}


def stored_lessons():
    rows = LessonPage.objects.annotate(raw=Cast("body", TextField())).values_list(
        "pk", "path", "latest_revision_id", "raw"
    )
    return {pk: (path, revision, json.loads(raw)) for pk, path, revision, raw in rows}


def page_addresses():
    return sorted(Page.objects.values_list("url_path", "locale__language_code"))


def test_loading_the_demo_twice_changes_nothing(demo):
    """Also the one-site check that was ``tests/lms/test_foundation.py::test_load_demo_twice_gives_one_site``."""
    lessons, pages = stored_lessons(), page_addresses()
    count, revisions = Page.objects.count(), Revision.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Page.objects.count() == count and Revision.objects.count() == revisions
    assert stored_lessons() == lessons
    assert page_addresses() == pages
    assert ("/home/", "th") in pages and ("/home-en/", "en") in pages
