"""Grading: check one answer against the source page's question, record it and finish the attempt."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from lessons import services as lesson_services


class QuizError(Exception):
    """Bad input or a forbidden action: a translated message and the HTTP status to answer with."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Result:
    """The outcome of answering one question (shown as feedback)."""

    question_key: str
    chosen: tuple
    correct: bool
    answered: int
    total: int
    finished: bool


def check_answer(question, option_keys):
    """Grade ``option_keys`` against ``question``: ``(chosen, correct)``. Raises QuizError on bad input."""
    chosen = tuple(sorted({str(key) for key in option_keys if str(key).strip()}))
    if not chosen:
        raise QuizError(_("Please choose an answer."))
    if any(key not in question.option_keys for key in chosen):
        raise QuizError(_("That answer is not one of this question's options. Please choose again."))
    if not question.multiple and len(chosen) > 1:
        raise QuizError(_("Please choose only one answer."))
    return chosen, frozenset(chosen) == question.correct_keys


def score_of(quiz, answers):
    """``(score percent rounded down, passed)`` for ``answers`` against the quiz's current questions."""
    total = len(quiz.question_list)
    right = sum(1 for question in quiz.question_list if answers.get(question.key, ((), False))[1])
    if total == 0:
        return 0, False
    return right * 100 // total, right * 100 >= quiz.pass_mark * total


def grade(attempt, question_key, option_keys):
    """Grade and record one answer. Idempotent: a repeated answer returns the stored one unchanged.

    ``attempt`` is a ``QuizAttempt`` or a ``PracticeAttempt`` (same storage interface) whose ``quiz`` is the
    source page. Finishes the attempt when every question is answered; a passed quiz that counts for the
    learner's progress updates course completion.
    """
    quiz = attempt.quiz
    question = quiz.questions_by_key.get(str(question_key))
    if question is None:
        raise QuizError(_("This question is not part of the quiz."))
    total = len(quiz.question_list)
    if attempt.finished:
        stored = attempt.stored_answer(question.key)
        if stored is None:
            raise QuizError(_("This attempt is finished. Start a new attempt to answer again."), status=409)
        return Result(question.key, stored[0], stored[1], len(attempt.answers_map()), total, True)
    chosen, correct = check_answer(question, option_keys)
    chosen, correct, _created = attempt.store_answer(question.key, chosen, correct)
    answers = attempt.answers_map()
    answered = sum(1 for q in quiz.question_list if q.key in answers)
    finished = answered >= total
    if finished:
        score, passed = score_of(quiz, answers)
        if attempt.finish(score, passed) and passed:
            lesson_services.update_course_completion(attempt.user, quiz.get_parent().specific)
    return Result(question.key, chosen, correct, answered, total, finished)
