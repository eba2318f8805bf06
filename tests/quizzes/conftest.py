from types import SimpleNamespace

import pytest

from tests.factories import UserFactory, make_course, make_quiz, quiz_questions


@pytest.fixture
def course_quiz(site):
    """A Thai course with two lessons and a five-question quiz (q1 single "a", q2 multiple "a"+"c",
    q3 true/false "false", q4 single, q5 multiple) whose questions point at the first lesson."""
    course, lessons = make_course(site["catalog"], lessons=2)
    quiz = make_quiz(course, questions=quiz_questions(5, lesson=lessons[0]))
    return SimpleNamespace(course=course, lessons=lessons, quiz=quiz, url=quiz.url)


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


RIGHT = {"q1": ["q1-a"], "q2": ["q2-a", "q2-c"], "q3": ["false"], "q4": ["q4-a"], "q5": ["q5-a", "q5-c"]}
WRONG = {"q1": ["q1-b"], "q2": ["q2-a"], "q3": ["true"], "q4": ["q4-c"], "q5": ["q5-b"]}
