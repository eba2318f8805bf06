"""The one "source page" rule: progress, attempts and figures belong to the first-created translation."""

from wagtail.models import Locale, Page

from lessons.models import CoursePage, LessonPage, SourcePageQuerySet
from tests.factories import make_course, translate_page


def test_source_of_a_translation_is_the_first_created_page(site):
    course, (lesson,) = make_course(site["catalog"], slug="source-rule")
    english_course = translate_page(course, title="Source rule")
    english_lesson = translate_page(lesson, title="Lesson 1")
    assert english_course.pk > course.pk
    assert CoursePage.objects.source_of(english_course) == course
    assert CoursePage.objects.source_of(course) == course
    assert LessonPage.objects.source_of(english_lesson) == lesson
    assert CoursePage.objects.source_of(None) is None


def test_an_unpublished_source_is_still_the_source(site):
    course, _ = make_course(site["catalog"], slug="draft-source")
    english = translate_page(course, title="Draft source")
    course.unpublish()
    assert CoursePage.objects.source_of(english).pk == course.pk
    assert course.pk in CoursePage.objects.sources().values_list("pk", flat=True)


def test_source_ids_and_sources_for_many_translation_sets_in_one_query(site, django_assert_num_queries):
    first, (lesson,) = make_course(site["catalog"], slug="first-set")
    second, _ = make_course(site["catalog"], slug="second-set")
    english = [translate_page(page, title=f"{page.slug} en") for page in (first, second, lesson)]
    keys = [page.translation_key for page in english]
    with django_assert_num_queries(1):
        ids = SourcePageQuerySet(Page).source_ids(keys)
    assert ids == {
        first.translation_key: first.pk,
        second.translation_key: second.pk,
        lesson.translation_key: lesson.pk,
    }
    assert CoursePage.objects.source_ids(keys) == {first.translation_key: first.pk, second.translation_key: second.pk}
    english_locale = Locale.objects.get(language_code="en")
    with django_assert_num_queries(1):
        sources = list(CoursePage.objects.filter(locale=english_locale).sources())
    assert sources == []  # the English pages are translations, never sources
    assert set(CoursePage.objects.filter(translation_key__in=keys).sources()) == {first, second}
