from types import SimpleNamespace

import pytest

from tests.factories import UserFactory, make_course, make_quiz, quiz_questions


@pytest.fixture
def course_quiz(site):
    """A Thai course with three lessons and a five-question quiz (answers in tests.quizzes.conftest.RIGHT)."""
    course, lessons = make_course(site["catalog"], slug="offline-course", lessons=3)
    quiz = make_quiz(course, questions=quiz_questions(5, lesson=lessons[0]), required=True)
    return SimpleNamespace(course=course, lessons=lessons, quiz=quiz)


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
