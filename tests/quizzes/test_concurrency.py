"""Real concurrency on PostgreSQL: two requests at the same moment never double-count."""

import threading

import pytest
from django.db import connection

from quizzes import services
from quizzes.models import Answer, QuizAttempt

from .conftest import RIGHT, WRONG

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class Request:
    def __init__(self, user):
        self.user = user
        self.session = {}


def run_together(*calls):
    """Run ``calls`` in threads released at the same instant; returns their results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def fresh(attempt_pk, quiz):
    attempt = QuizAttempt.objects.get(pk=attempt_pk)
    attempt.quiz = quiz
    return attempt


def test_concurrent_double_submit_stores_exactly_one_answer(course_quiz, learner):
    quiz = course_quiz.quiz
    attempt = services.start_attempt(Request(learner), quiz)
    for _round in range(5):
        Answer.objects.filter(attempt=attempt).delete()
        results = run_together(
            lambda: services.grade(fresh(attempt.pk, quiz), "q1", WRONG["q1"]),
            lambda: services.grade(fresh(attempt.pk, quiz), "q1", RIGHT["q1"]),
        )
        assert all(isinstance(result, services.Result) for result in results), results
        stored = Answer.objects.get(attempt=attempt, question_key="q1")
        # Both responses report the one stored answer, whichever request won.
        assert {result.correct for result in results} == {stored.correct}


def test_concurrent_start_gives_one_open_attempt(course_quiz, learner):
    results = run_together(*[lambda: services.start_attempt(Request(learner), course_quiz.quiz)] * 4)
    assert len({result.pk for result in results}) == 1
    assert QuizAttempt.objects.filter(user=learner).count() == 1


def test_last_two_answers_at_once_finish_the_attempt_once_with_the_right_score(course_quiz, learner):
    from lessons.models import Enrolment

    quiz = course_quiz.quiz
    attempt = services.start_attempt(Request(learner), quiz)
    for key in ["q1", "q2", "q3"]:
        services.grade(attempt, key, RIGHT[key])
    results = run_together(
        lambda: services.grade(fresh(attempt.pk, quiz), "q4", RIGHT["q4"]),
        lambda: services.grade(fresh(attempt.pk, quiz), "q5", RIGHT["q5"]),
    )
    assert all(isinstance(result, services.Result) for result in results), results
    assert any(result.finished for result in results)
    attempt.refresh_from_db()
    assert attempt.finished_at is not None and (attempt.score, attempt.passed) == (100, True)
    assert Answer.objects.filter(attempt=attempt).count() == 5
    assert Enrolment.objects.filter(user=learner).count() == 1
