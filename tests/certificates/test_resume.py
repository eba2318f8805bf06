""" "Continue where you left off": one service (``lessons.services.resume``) behind My learning and the course page.

The first lesson not yet done in outline order (never a finished lesson just because it was the last one
visited), the quiz when every lesson is done, and the certificate when the course is complete.
"""

import re

import pytest
from django.utils import timezone

from lessons.services import mark_done, start_lesson
from quizzes.models import QuizAttempt
from tests.factories import UserFactory, make_course, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site, centre):
    course, lessons = make_course(site["catalog"], slug="resume", lessons=3, title="หลักสูตรเรียนต่อ")
    quiz = make_quiz(course)
    learner = UserFactory(username="resumer", display_name="นางเรียน ต่อเนื่อง", home_centre=centre)
    return {"course": course, "lessons": lessons, "quiz": quiz, "learner": learner}


def continue_links(client, course):
    """The continue card's link on My learning and the course page's button link."""
    learning = client.get("/th/learning/").content.decode()
    card = re.search(r'class="button continue-link" href="([^"]+)"', learning).group(1)
    page = client.get(course.url).content.decode()
    button = re.search(r'class="button continue-link" href="([^"]+)"', page)
    return card, button.group(1) if button else None


def test_a_finished_lesson_visited_last_is_not_reopened(client, world):
    lessons = world["lessons"]
    mark_done(world["learner"], lessons[0])
    mark_done(world["learner"], lessons[1])  # the last lesson visited, and done
    client.force_login(world["learner"])
    assert continue_links(client, world["course"]) == (lessons[2].url, lessons[2].url)


def test_the_first_lesson_not_done_in_outline_order(client, world):
    lessons = world["lessons"]
    mark_done(world["learner"], lessons[2])
    mark_done(world["learner"], lessons[1])
    start_lesson(world["learner"], lessons[2])
    client.force_login(world["learner"])
    assert continue_links(client, world["course"]) == (lessons[0].url, lessons[0].url)


def test_the_quiz_when_every_lesson_is_done(client, world):
    for lesson in world["lessons"]:
        mark_done(world["learner"], lesson)
    client.force_login(world["learner"])
    assert continue_links(client, world["course"]) == (world["quiz"].url, world["quiz"].url)


def test_the_certificate_when_the_course_is_complete(client, world):
    from certificates import services
    from lessons.services import update_course_completion

    learner = world["learner"]
    for lesson in world["lessons"]:
        mark_done(learner, lesson)
    QuizAttempt.objects.create(user=learner, quiz=world["quiz"], finished_at=timezone.now(), score=100, passed=True)
    assert update_course_completion(learner, world["course"])
    certificate, _ = services.issue(learner, world["course"])
    client.force_login(learner)
    url = f"/th/certificates/{certificate.pk}/pdf/"
    assert continue_links(client, world["course"]) == (url, url)
    assert client.get(url)["Content-Type"] == "application/pdf"
