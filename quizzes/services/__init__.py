"""Taking a quiz: grading, attempt storage, what a learner sees, and trainers' statistics.

An attempt belongs to the quiz's *source* page (``QuizPage.objects.source_of``), so the learner keeps the
same attempt when switching language; the questions' keys, correct options and order come from the source
page, while texts are shown from the page in the reader's language.

* ``grading`` — checking an answer, scoring and recording it (``grade``), the only place grading happens.
* ``attempts`` — finding and starting attempts. Signed-in learners get a ``QuizAttempt`` row with one
  ``Answer`` per question; anonymous visitors practise in a ``PracticeAttempt`` kept in their session. Both
  have the same storage interface (``answers_map``, ``stored_answer``, ``store_answer``, ``finish``).
* ``progress`` — passed quizzes for course completion and the outline (the ``lessons.hooks`` contributions).
* ``context`` — the template context of the quiz page and its fragments.
* ``statistics`` — trainers' figures per quiz and question.
"""

from .attempts import (
    PRACTICE_SESSION_KEY,
    PracticeAttempt,
    attempt_for_request,
    open_attempt,
    start_attempt,
)
from .context import display_question, feedback_context, page_state, result_context, review_lessons
from .grading import QuizError, Result, check_answer, grade, score_of
from .progress import best_result, outline_statuses, quiz_passed, required_quizzes_passed
from .statistics import statistics

__all__ = [
    "PRACTICE_SESSION_KEY",
    "PracticeAttempt",
    "QuizError",
    "Result",
    "attempt_for_request",
    "best_result",
    "check_answer",
    "display_question",
    "feedback_context",
    "grade",
    "open_attempt",
    "outline_statuses",
    "page_state",
    "quiz_passed",
    "required_quizzes_passed",
    "result_context",
    "review_lessons",
    "score_of",
    "start_attempt",
    "statistics",
]
