"""Issue #12's query budgets: the home, catalogue, course and lesson pages take at most 8 SQL queries for a
visitor and 12 for a signed-in learner, in Thai and in English, and the same number whatever the number of
courses and lessons (``python -m bench.pages`` prints the figures on the demo)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    UserFactory,
    make_course,
    make_image,
    make_lesson,
    make_practice,
    make_quiz,
    price,
    simulator,
    translate_page,
)
from tests.practice.conftest import act_url

BUDGET = {"anonymous": 8, "signed-in": 12}
PAGES = ("home", "catalogue", "course", "lesson")


def _lesson_body(image):
    return [
        {"type": "paragraph", "value": "<p>ตั้งราคาให้คุ้มทุน</p>"},
        {"type": "image", "value": {"image": image.pk, "alt": "ภาพสินค้า", "caption": ""}},
    ]


def _add_course(catalog, slug, lessons, image):
    """A Thai course with ``lessons`` lessons (text and a picture) and a quiz, all translated into English."""
    course, _ = make_course(catalog, slug=slug, lessons=0)
    made = [make_lesson(course, f"{slug}-{n}", body=_lesson_body(image)) for n in range(1, lessons + 1)]
    quiz = make_quiz(course)
    translate_page(course)
    for lesson in made:
        translate_page(lesson)
    return course, made, quiz


def _grow(course, catalog, image, more_lessons, more_courses):
    for n in range(more_lessons):
        lesson = make_lesson(course, f"{course.slug}-extra-{n}", body=_lesson_body(image))
        translate_page(lesson)
    for n in range(more_courses):
        _add_course(catalog, f"more-{n}", 1, image)


def _paths(language, course, lesson):
    prefix = f"/{language}/"
    return {  # the lesson first: a learner then has started the course when the other pages are counted
        "lesson": f"{prefix}courses/{course.slug}/{lesson.slug}/",
        "course": f"{prefix}courses/{course.slug}/",
        "catalogue": f"{prefix}courses/",
        "home": prefix,
    }


def _counts(client, paths):
    """Queries per page on a repeat view (the first view records the visit and fills the caches)."""
    counts = {}
    for name, path in paths.items():
        assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[name] = len(queries.captured_queries)
    return counts


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("reader", ["anonymous", "signed-in"])
def test_pages_within_the_query_budget_and_constant_as_courses_grow(site, client, reader, language):
    image = make_image()
    course, lessons, _quiz = _add_course(site["catalog"], "budget-course", 3, image)
    if reader == "signed-in":
        client.force_login(UserFactory())
    paths = _paths(language, course, lessons[1])

    small = _counts(client, paths)  # 1 course of 3 lessons
    _grow(course, site["catalog"], image, more_lessons=9, more_courses=4)
    large = _counts(client, paths)  # 5 courses, the first of 12 lessons

    assert large == small, (small, large)
    over = {name: count for name, count in large.items() if count > BUDGET[reader]}
    assert not over, f"{reader} {language}: over {BUDGET[reader]} queries: {over}"


def test_signed_in_english_course_page_within_budget_and_resumes_in_english(site, client):
    """The English course page works out "continue", the practice left and the certificate part from its Thai
    source course within the budget, and links the English pages."""
    image = make_image()
    course, lessons, _quiz = _add_course(site["catalog"], "english-course", 3, image)
    practice = make_practice(course, activities=[simulator("sim")], slug="english-course-practice")
    translate_page(practice)
    client.force_login(UserFactory())
    paths = _paths("en", course, lessons[1])
    counts = _counts(client, {name: paths[name] for name in ("lesson", "course")})
    assert counts["course"] <= BUDGET["signed-in"]
    html = client.get(paths["course"]).content.decode()
    assert f'class="button continue-link" href="/en/courses/{course.slug}/{lessons[0].slug}/"' in html
    assert f'href="/en/courses/{course.slug}/{practice.slug}/#activity-sim"' in html  # practice still to finish


def test_a_learner_with_progress_stays_within_budget(site, client):
    """Progress rows, a passed lesson and a quiz attempt change nothing in the counts of a lesson page."""
    from lessons import services
    from quizzes.models import QuizAttempt

    image = make_image()
    course, lessons, quiz = _add_course(site["catalog"], "progress-course", 3, image)
    learner = UserFactory()
    client.force_login(learner)
    paths = _paths("th", course, lessons[1])
    before = _counts(client, {"lesson": paths["lesson"]})
    services.mark_done(learner, lessons[0])
    QuizAttempt.objects.create(user=learner, quiz=quiz, score=50, passed=False)
    after = _counts(client, {"lesson": paths["lesson"]})
    assert after == before
    assert after["lesson"] <= BUDGET["signed-in"]


def test_a_return_visit_records_the_lesson_once(site, client):
    """The one-UPDATE return visit keeps exactly one progress row and moves "continue" to the lesson read."""
    from lessons.models import Enrolment, LessonProgress

    course, lessons = make_course(site["catalog"], slug="visits", lessons=2)
    learner = UserFactory()
    client.force_login(learner)
    for lesson in (lessons[0], lessons[1], lessons[0], lessons[0]):
        assert client.get(lesson.url).status_code == 200
    assert LessonProgress.objects.filter(user=learner).count() == 2
    assert Enrolment.objects.get(user=learner).last_lesson_id == lessons[0].pk


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_lesson_with_practice_runs_stays_within_budget(site, client, language):
    """Practice runs with choices (a finished run, then an open one) add no query to the lesson page, and the
    page shows where the learner is in the activity."""
    course, _lessons = make_course(site["catalog"], slug="practice-budget", lessons=1)
    practice = make_practice(course, activities=[simulator("sim"), price("price")])
    translate_page(course)
    translate_page(practice)
    client.force_login(UserFactory())
    path = f"/{language}/courses/{course.slug}/{practice.slug}/"
    before = _counts(client, {"lesson": path})
    htmx = {"HTTP_HX_REQUEST": "true"}
    client.post(act_url(practice, "sim"), {"step": "s1", "choice": "s1-app"}, **htmx)  # safe: finished
    client.post(act_url(practice, "sim", again=True), **htmx)
    client.post(act_url(practice, "sim"), {"step": "s1", "choice": "s1-tap"}, **htmx)  # open, at step 2
    client.post(act_url(practice, "price"), {"price-shopee": "50", "price-line": "50"}, **htmx)
    after = _counts(client, {"lesson": path})
    assert after == before
    assert after["lesson"] <= BUDGET["signed-in"]
    html = client.get(path).content.decode()
    assert "ชำระค่าส่ง 25 บาท" in html  # step 2 of the open run


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_completed_course_page_stays_within_budget(site, client, language):
    """A learner who finished the course (every lesson, the quiz passed) gets "continue" to the certificate part
    within the budget, in Thai and from the English translation."""
    from lessons import services
    from quizzes.models import QuizAttempt

    image = make_image()
    course, lessons, quiz = _add_course(site["catalog"], "completed-course", 3, image)
    learner = UserFactory()
    client.force_login(learner)
    for lesson in lessons:
        services.mark_done(learner, lesson)
    QuizAttempt.objects.create(user=learner, quiz=quiz, score=100, passed=True)
    assert services.update_course_completion(learner, course)
    counts = _counts(client, {"course": f"/{language}/courses/{course.slug}/"})
    assert counts["course"] <= BUDGET["signed-in"]
    html = client.get(f"/{language}/courses/{course.slug}/").content.decode()
    assert 'class="course-certificate card"' in html
