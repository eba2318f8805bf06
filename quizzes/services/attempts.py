"""Attempt storage: a signed-in learner's ``QuizAttempt`` row, or an anonymous visitor's ``PracticeAttempt``
in the session. Both offer ``answers_map``, ``stored_answer``, ``store_answer`` and ``finish``."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from lessons import services as lesson_services
from lessons.session_records import SessionRecord
from lms.inputs import parse_id

from ..models import QuizAttempt
from .grading import QuizError

PRACTICE_SESSION_KEY = "quiz_practice"


class PracticeAttempt(SessionRecord):
    """An anonymous visitor's attempt, kept in the session only; nothing counts towards progress."""

    session_key = PRACTICE_SESSION_KEY
    fresh_state = {"answers": {}}
    pk = None
    user = None

    def __init__(self, session, quiz):
        super().__init__(session, str(quiz.pk))
        self.quiz = quiz

    @property
    def score(self):
        return (self._state or {}).get("score")

    @property
    def passed(self):
        return bool((self._state or {}).get("passed"))

    def answers_map(self):
        return {
            key: (tuple(chosen), correct) for key, (chosen, correct) in (self._state or {}).get("answers", {}).items()
        }

    def stored_answer(self, question_key):
        return self.answers_map().get(question_key)

    def store_answer(self, question_key, chosen, correct):
        if not self.started:
            self.restart()
        answers = self._state["answers"]
        if question_key in answers:
            stored_chosen, stored_correct = answers[question_key]
            return tuple(stored_chosen), stored_correct, False
        answers[question_key] = [list(chosen), correct]
        self.session.modified = True
        return tuple(chosen), correct, True

    def finish(self, score, passed):
        """Keep the result in the session; returns False: practice never counts towards progress."""
        self._finish(score=score, passed=passed)
        return False


def open_attempt(user, quiz):
    return QuizAttempt.objects.filter(user=user, quiz=quiz, finished_at__isnull=True).first()


def start_attempt(request, quiz):
    """The learner's open attempt at ``quiz`` (source page), or a new one. Double clicks give one attempt."""
    if not request.user.is_authenticated:
        practice = PracticeAttempt(request.session, quiz)
        if not practice.started or practice.finished:
            practice.restart()
        return practice
    attempt = open_attempt(request.user, quiz)
    if attempt is None:
        try:
            with transaction.atomic():
                attempt = QuizAttempt.objects.create(user=request.user, quiz=quiz)
        except IntegrityError:
            attempt = open_attempt(request.user, quiz)
        lesson_services.enrol(request.user, quiz.get_parent().specific)
    attempt.quiz = quiz
    return attempt


def attempt_for_request(request, page, attempt_id):
    """The attempt a request on quiz ``page`` (any translation) may act on, checked against the requesting
    learner and the quiz. Its ``quiz`` is the source page, loaded with the attempt in one query."""
    if not request.user.is_authenticated:
        if attempt_id:
            raise QuizError(_("This attempt belongs to another account. Please sign in."), status=403)
        return PracticeAttempt(request.session, page.source)
    attempt_id = parse_id(attempt_id)
    if attempt_id is None:
        raise QuizError(_("Please start the quiz first."))
    attempt = QuizAttempt.objects.select_related("quiz").filter(pk=attempt_id).first()
    if attempt is None:
        raise QuizError(_("This attempt does not exist."), status=404)
    if attempt.user_id != request.user.pk:
        raise QuizError(_("This attempt belongs to another account."), status=403)
    if attempt.quiz.translation_key != page.translation_key:  # attempts always belong to a source page
        raise QuizError(_("This attempt belongs to another quiz."))
    attempt.user = request.user
    return attempt


def current_attempt(request, quiz, attempt_id=None):
    """The attempt the quiz page shows: the one named in the URL (the reader's own), the open one, the
    session's practice; None when the reader has not started."""
    if not request.user.is_authenticated:
        practice = PracticeAttempt(request.session, quiz)
        return practice if practice.started else None
    attempt = None
    attempt_id = parse_id(attempt_id)
    if attempt_id:
        attempt = QuizAttempt.objects.filter(pk=attempt_id, user=request.user, quiz=quiz).first()
    if attempt is None:
        attempt = open_attempt(request.user, quiz)
    if attempt is not None:
        attempt.quiz = quiz
    return attempt
