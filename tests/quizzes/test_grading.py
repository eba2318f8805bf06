"""Grading rules and attempt records, through quizzes.services (no HTTP)."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import IntegrityError, transaction
from django.utils.translation import override

from lessons import services as lesson_services
from lessons.models import Enrolment
from quizzes import services
from quizzes.models import Answer, QuizAttempt
from quizzes.services import QuizError
from tests.factories import UserFactory, make_quiz, quiz_question

from .conftest import RIGHT, WRONG


class FakeRequest:
    def __init__(self, user, session=None):
        self.user = user
        self.session = session if session is not None else SessionStore()


def start(user, quiz):
    return services.start_attempt(FakeRequest(user), quiz)


@pytest.mark.parametrize(
    ("key", "chosen", "expected"),
    [
        ("q1", ["q1-a"], True),  # single: the one correct option
        ("q1", ["q1-b"], False),
        ("q2", ["q2-a", "q2-c"], True),  # multiple: all correct options
        ("q2", ["q2-c", "q2-a"], True),  # order does not matter
        ("q2", ["q2-a"], False),  # only some of the correct options
        ("q2", ["q2-a", "q2-b", "q2-c"], False),  # correct ones plus a wrong one
        ("q3", ["false"], True),  # true / false
        ("q3", ["true"], False),
    ],
)
def test_every_question_type_is_graded_on_the_server(course_quiz, learner, key, chosen, expected):
    attempt = start(learner, course_quiz.quiz)
    result = services.grade(attempt, key, chosen)
    assert result.correct is expected
    stored = Answer.objects.get(attempt=attempt, question_key=key)
    assert stored.correct is expected
    assert sorted(stored.chosen) == sorted(chosen)


@pytest.mark.parametrize(
    ("key", "chosen", "message"),
    [
        ("q1", [], "Please choose an answer."),
        ("q1", [""], "Please choose an answer."),
        ("q1", ["q1-zzz"], "That answer is not one of this question's options. Please choose again."),
        ("q1", ["q2-a"], "That answer is not one of this question's options. Please choose again."),  # other question
        ("q1", ["q1-a", "q1-b"], "Please choose only one answer."),
        ("q3", ["true", "false"], "Please choose only one answer."),
        ("q3", ["maybe"], "That answer is not one of this question's options. Please choose again."),
        ("nope", ["q1-a"], "This question is not part of the quiz."),
    ],
)
def test_bad_answers_are_rejected_and_nothing_is_stored(course_quiz, learner, key, chosen, message):
    attempt = start(learner, course_quiz.quiz)
    with pytest.raises(QuizError) as error:
        services.grade(attempt, key, chosen)
    assert error.value.status == 400
    with override("en"):
        assert str(error.value.message) == message
    with override("th"):
        assert str(error.value.message) != message  # translated into Thai
    assert not Answer.objects.exists()


def test_answering_every_question_finishes_the_attempt_with_score_and_pass(course_quiz, learner):
    attempt = start(learner, course_quiz.quiz)
    answers = {**RIGHT, "q5": WRONG["q5"]}  # 4 of 5 = 80% >= 70%
    results = [services.grade(attempt, key, chosen) for key, chosen in answers.items()]
    assert [r.finished for r in results] == [False, False, False, False, True]
    attempt.refresh_from_db()
    assert attempt.finished_at is not None
    assert (attempt.score, attempt.passed) == (80, True)


def test_score_below_the_pass_mark_fails(course_quiz, learner):
    attempt = start(learner, course_quiz.quiz)
    answers = {**RIGHT, "q4": WRONG["q4"], "q5": WRONG["q5"]}  # 3 of 5 = 60%
    for key, chosen in answers.items():
        services.grade(attempt, key, chosen)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (60, False)


def test_score_rounds_down_and_passes_exactly_at_the_mark(site):
    from tests.factories import make_course

    course, _ = make_course(site["catalog"], slug="three")
    quiz = make_quiz(course, questions=[quiz_question(key=f"k{i}") for i in range(3)], pass_mark=67)
    user = UserFactory()
    attempt = start(user, quiz)
    services.grade(attempt, "k0", ["k0-a"])
    services.grade(attempt, "k1", ["k1-a"])
    services.grade(attempt, "k2", ["k2-b"])
    attempt.refresh_from_db()
    assert attempt.score == 66  # 2/3 = 66.7% rounded down
    assert attempt.passed is False  # 66.7% < 67%


def test_repeated_answer_returns_the_stored_one_and_is_not_counted_twice(course_quiz, learner):
    attempt = start(learner, course_quiz.quiz)
    first = services.grade(attempt, "q1", WRONG["q1"])
    again = services.grade(attempt, "q1", RIGHT["q1"])  # Back button, second tab: a different answer
    assert (first.correct, again.correct) == (False, False)
    assert again.chosen == tuple(WRONG["q1"])
    assert Answer.objects.filter(attempt=attempt).count() == 1


def test_database_refuses_a_second_answer_to_the_same_question(course_quiz, learner):
    attempt = start(learner, course_quiz.quiz)
    Answer.objects.create(attempt=attempt, question_key="q1", chosen=["q1-a"], correct=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(attempt=attempt, question_key="q1", chosen=["q1-b"], correct=False)


def test_answering_after_the_attempt_is_finished_changes_nothing(course_quiz, learner):
    attempt = start(learner, course_quiz.quiz)
    for key, chosen in RIGHT.items():
        services.grade(attempt, key, chosen)
    attempt.refresh_from_db()
    attempt.quiz = course_quiz.quiz
    Answer.objects.filter(attempt=attempt, question_key="q5").delete()  # pretend q5 was never answered
    with pytest.raises(QuizError) as error:
        services.grade(attempt, "q5", WRONG["q5"])
    assert error.value.status == 409
    assert not Answer.objects.filter(question_key="q5").exists()
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (100, True)
    # A replay of an answered question after the end returns the stored answer unchanged.
    replay = services.grade(attempt, "q1", WRONG["q1"])
    assert replay.correct is True and replay.finished is True
    assert Answer.objects.filter(attempt=attempt).count() == 4


def test_only_one_open_attempt_per_learner_and_quiz(course_quiz, learner):
    first = start(learner, course_quiz.quiz)
    second = start(learner, course_quiz.quiz)  # double click, second tab
    assert first.pk == second.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizAttempt.objects.create(user=learner, quiz=course_quiz.quiz)


def test_try_again_after_finishing_starts_a_new_attempt(course_quiz, learner):
    attempt = start(learner, course_quiz.quiz)
    for key, chosen in WRONG.items():
        services.grade(attempt, key, chosen)
    again = start(learner, course_quiz.quiz)
    assert again.pk != attempt.pk
    assert QuizAttempt.objects.filter(user=learner).count() == 2


def test_a_required_quiz_blocks_course_completion_until_passed(course_quiz, learner):
    course = course_quiz.course
    for lesson in course_quiz.lessons:
        lesson_services.mark_done(learner, lesson)
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.completed_at is None  # lessons done, quiz not passed

    failed = start(learner, course_quiz.quiz)
    for key, chosen in WRONG.items():
        services.grade(failed, key, chosen)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert services.quiz_passed(learner, course_quiz.quiz) is False

    passed = start(learner, course_quiz.quiz)
    for key, chosen in RIGHT.items():
        services.grade(passed, key, chosen)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert services.quiz_passed(learner, course_quiz.quiz) is True

    # A later failed attempt does not undo the pass: the best passing attempt counts.
    later = start(learner, course_quiz.quiz)
    for key, chosen in WRONG.items():
        services.grade(later, key, chosen)
    assert services.quiz_passed(learner, course_quiz.quiz) is True
    assert lesson_services.update_course_completion(learner, course) is True
    best = services.best_result(learner, course_quiz.quiz)
    assert best == {"attempts": 3, "best_score": 100, "passed": 1}


def test_passing_the_quiz_before_the_lessons_completes_the_course_with_the_last_lesson(course_quiz, learner):
    attempt = start(learner, course_quiz.quiz)
    for key, chosen in RIGHT.items():
        services.grade(attempt, key, chosen)
    assert Enrolment.objects.get(user=learner).completed_at is None  # lessons not done yet
    for lesson in course_quiz.lessons:
        lesson_services.mark_done(learner, lesson)
    assert Enrolment.objects.get(user=learner).completed_at is not None


def test_an_optional_quiz_does_not_block_completion(site, learner):
    from tests.factories import make_course

    course, lessons = make_course(site["catalog"], slug="optional")
    make_quiz(course, required=False)
    lesson_services.mark_done(learner, lessons[0])
    assert Enrolment.objects.get(user=learner, course=course).completed_at is not None


def test_anonymous_practice_grades_but_stores_nothing_in_quiz_tables(course_quiz):
    from django.contrib.auth.models import AnonymousUser

    request = FakeRequest(AnonymousUser())
    attempt = services.start_attempt(request, course_quiz.quiz)
    results = [services.grade(attempt, key, chosen) for key, chosen in RIGHT.items()]
    assert all(r.correct for r in results) and results[-1].finished
    assert attempt.score == 100 and attempt.passed
    assert not QuizAttempt.objects.exists() and not Answer.objects.exists()
    assert request.session[services.PRACTICE_SESSION_KEY][str(course_quiz.quiz.pk)]["finished"] is True
