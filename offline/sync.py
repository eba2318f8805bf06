"""Receiving what a learner did offline: each action once (by the id the device made), checked like any
other request, through the same services as the online forms (``lessons.services.mark_done``,
``quizzes.services.grade``)."""

import json
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from lessons import services as lesson_services
from lessons.models import Enrolment, LessonPage
from lms.inputs import parse_id
from quizzes import services as quiz_services
from quizzes.models import QuizPage

from .models import OfflineAction
from .packs import readable

MAX_ACTIONS = 200
MAX_OPTIONS = 20
MAX_KEY = 64
BAD_PAYLOAD = _("What your device sent could not be read. Please try again; nothing was recorded.")
LESSON_GONE = _("This lesson is no longer available, so it was not marked as done.")
QUIZ_GONE = _("This quiz is no longer available, so your answer was not checked.")


class PayloadError(Exception):
    """The request body is not a list of actions: nothing is recorded (HTTP 400)."""

    def __init__(self, message=BAD_PAYLOAD):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Action:
    client_id: uuid.UUID
    kind: str
    page_id: int
    question: str = ""
    options: tuple = ()
    done_at: object = None


def _key(value):
    if not isinstance(value, str) or not 0 < len(value) <= MAX_KEY or "\x00" in value:
        raise PayloadError()
    return value


def _action(item):
    if not isinstance(item, dict):
        raise PayloadError()
    raw_id, kind = item.get("id"), item.get("type")
    if not isinstance(raw_id, str) or len(raw_id) != 36 or kind not in OfflineAction.Kind.values:
        raise PayloadError()
    try:
        client_id = uuid.UUID(raw_id)
    except ValueError:
        raise PayloadError() from None
    page_id = parse_id(item.get("page"))
    if page_id is None:
        raise PayloadError()
    done_at = item.get("at")
    done_at = parse_datetime(done_at) if isinstance(done_at, str) and len(done_at) <= 40 else None
    if kind == OfflineAction.Kind.DONE:
        return Action(client_id, kind, page_id, done_at=done_at)
    options = item.get("options")
    if not isinstance(options, list) or not 0 < len(options) <= MAX_OPTIONS:
        raise PayloadError()
    return Action(client_id, kind, page_id, _key(item.get("question")), tuple(_key(o) for o in options), done_at)


def parse(body):
    """The actions in a sync request body (JSON ``{"actions": [...]}``); PayloadError when malformed."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise PayloadError() from None
    actions = data.get("actions") if isinstance(data, dict) else None
    if not isinstance(actions, list) or not 0 < len(actions) <= MAX_ACTIONS:
        raise PayloadError()
    return [_action(item) for item in actions]


def _mark_done(request, action):
    lesson = LessonPage.objects.filter(pk=action.page_id).first()
    if lesson is None or not readable(request, lesson):
        return OfflineAction.Status.REFUSED, LESSON_GONE, {"title": lesson.title if lesson else ""}
    progress = lesson_services.mark_done(request.user, lesson)
    complete = Enrolment.objects.filter(user=request.user, course=progress.course, completed_at__isnull=False).exists()
    return OfflineAction.Status.ACCEPTED, "", {"title": lesson.title, "course_complete": complete}


def _answer(request, action):
    page = QuizPage.objects.filter(pk=action.page_id).first()
    if page is None or not readable(request, page):
        return OfflineAction.Status.REFUSED, QUIZ_GONE, {"title": page.title if page else ""}
    attempt = quiz_services.start_attempt(request, page.source)
    try:
        result = quiz_services.grade(attempt, action.question, action.options)
    except quiz_services.QuizError as error:
        return OfflineAction.Status.REFUSED, str(error.message), {"title": page.title}
    data = {"title": page.title, "correct": result.correct, "answered": result.answered, "total": result.total}
    data["finished"] = result.finished
    if result.finished:
        data.update(score=attempt.score, passed=attempt.passed)
    return OfflineAction.Status.ACCEPTED, "", data


def outcome(row):
    return {
        "id": str(row.client_id),
        "type": row.kind,
        "page": row.page_id,
        "status": row.status,
        "message": row.message,
        **row.result,
    }


def receive(request, action):
    """Apply ``action`` for the signed-in learner once; a repeat returns the stored outcome unchanged.

    The row is inserted first, inside the same transaction as the work: a concurrent request with the same
    id waits on the unique constraint, then fails and reads the outcome the first one stored.
    """
    user = request.user
    stored = OfflineAction.objects.filter(user=user, client_id=action.client_id).first()
    if stored is not None:
        return outcome(stored)
    try:
        with transaction.atomic():
            row = OfflineAction.objects.create(
                user=user,
                client_id=action.client_id,
                kind=action.kind,
                question_key=action.question,
                status=OfflineAction.Status.REFUSED,
                done_at=action.done_at,
            )
            apply = _mark_done if action.kind == OfflineAction.Kind.DONE else _answer
            row.status, row.message, row.result = apply(request, action)
            row.message = str(row.message)
            row.page_id = action.page_id if row.result.get("title") else None
            row.save(update_fields=["status", "message", "result", "page"])
    except IntegrityError:
        row = OfflineAction.objects.get(user=user, client_id=action.client_id)
    return outcome(row)


def receive_all(request, actions):
    return [receive(request, action) for action in actions]
