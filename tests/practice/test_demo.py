"""The demo: every demo course has at least two bilingual practices, placed after their lessons; idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from lessons.models import CoursePage, LessonPage
from practice.blocks import PracticeStreamBlock
from practice.demo import practice_data
from practice.models import PracticePage
from quizzes.models import QuizPage


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def outline_types(course):
    return [type(page.specific) for page in course.get_children().live()]


def test_each_demo_course_has_two_bilingual_practices_in_place(demo, client):
    english = Locale.objects.get(language_code="en")
    files = practice_data()
    assert len(files) == 4
    kinds = set()
    for data in files:
        course = CoursePage.objects.get(locale__language_code="th", slug=data["course"])
        practices = PracticePage.objects.child_of(course).live()
        assert practices.count() >= 2
        assert outline_types(course)[-1] is QuizPage  # the quiz stays last
        course_en = course.get_translation(english)
        assert outline_types(course_en) == outline_types(course)  # same outline order in English
        for practice in data["practices"]:
            page = practices.get(slug=practice["slug"])
            previous = page.get_prev_sibling().specific
            assert isinstance(previous, (LessonPage, PracticePage))
            assert previous.slug == practice["after"] or isinstance(previous, PracticePage)
            # The trainer's rules hold for the demo data (e.g. "go to step" only forward, a right reason).
            PracticeStreamBlock().clean(page.activities.stream_block.to_python(page.activities.raw_data))
            page_en = page.get_translation(english)
            assert page_en.live and page_en.title != page.title
            assert [a.key for a in page_en.activity_list] == [a.key for a in page.activity_list]
            for thai, eng in zip(page.activity_list, page_en.activity_list, strict=True):
                kinds.add(thai.kind)
                assert thai.title != eng.title
            for url in (page.url, page_en.url):
                response = client.get(url)
                assert response.status_code == 200
    assert kinds == {"simulator", "spot_fake", "price", "safe_form"}


def test_loading_the_demo_twice_changes_nothing(demo):
    pages = {page.pk: (page.path, page.latest_revision_id) for page in PracticePage.objects.all()}
    count = Page.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Page.objects.count() == count
    assert {page.pk: (page.path, page.latest_revision_id) for page in PracticePage.objects.all()} == pages
