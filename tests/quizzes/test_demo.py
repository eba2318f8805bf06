"""The demo: every demo course ends with a quiz of at least five questions in Thai and English."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from lessons.demo.courses import course_data
from lessons.models import CoursePage, LessonPage
from quizzes.models import QuizPage


@pytest.fixture(scope="module")
def loaded(module_db):
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def demo(db, loaded):
    """The whole demo, loaded once for the module (see ``module_db``)."""


def test_each_demo_course_ends_with_a_bilingual_quiz_with_the_same_keys(demo, client):
    english_locale = Locale.objects.get(language_code="en")
    courses = course_data()
    assert len(courses) == 4
    for data in courses:
        course = CoursePage.objects.get(locale__language_code="th", slug=data["slug"])
        quiz = course.get_children().live().last().specific
        assert isinstance(quiz, QuizPage) and quiz.slug == data["quiz"]["slug"] and quiz.required
        english = quiz.get_translation(english_locale)
        assert english.live and english.get_parent().get_children().live().last().pk == english.pk
        assert len(quiz.question_list) >= 5
        assert [q.key for q in quiz.question_list] == [q.key for q in english.question_list]
        for th, en in zip(quiz.question_list, english.question_list, strict=True):
            assert [o.key for o in th.options] == [o.key for o in en.options]
            assert th.correct_keys == en.correct_keys and th.correct_keys
            assert th.text != en.text and th.explanation != en.explanation
            assert LessonPage.objects.child_of(course).filter(pk=th.lesson_id).exists()

    # Failing the English quiz suggests the English lessons.
    quiz = QuizPage.objects.get(locale=english_locale, slug=courses[0]["quiz"]["slug"])
    assert client.post(f"{quiz.url}start/").status_code == 302
    for question in quiz.question_list:
        wrong = next(o.key for o in question.options if not o.correct)
        assert client.post(f"{quiz.url}answer/", {"question": question.key, "option": [wrong]}).status_code == 302
    result = client.get(quiz.url).content.decode()
    assert "Not passed this time" in result
    first_lesson = LessonPage.objects.get(pk=quiz.question_list[0].lesson_id).get_translation(english_locale)
    assert f'href="{first_lesson.url}"' in result


def test_demo_quiz_keys_follow_the_json_so_answers_survive_a_reload(demo):
    before = {quiz.pk: [q.key for q in quiz.question_list] for quiz in QuizPage.objects.all()}
    call_command("load_demo", stdout=StringIO())
    after = {quiz.pk: [q.key for q in quiz.question_list] for quiz in QuizPage.objects.all()}
    assert before == after and len(after) == 8
