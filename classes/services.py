"""Business rules of classes: create, join, add members, sessions, check in, roster, live board."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lessons.models import CoursePage, LessonPage, LessonProgress
from quizzes.models import Answer, QuizAttempt, QuizPage

from . import codes
from .models import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, Attendance, Class, ClassMember, Session

CHECKIN_OPENS_BEFORE = datetime.timedelta(minutes=15)
CHECKIN_CLOSES_AFTER = datetime.timedelta(minutes=15)
LATE_AFTER = datetime.timedelta(minutes=10)
STUCK_AFTER = datetime.timedelta(minutes=15)


class CheckInError(Exception):
    """A check-in that cannot be accepted; ``str(error)`` is a translated message for the learner."""


def source_courses():
    """Courses as progress stores them: the first-created translation of each course."""
    firsts = CoursePage.objects.values("translation_key").annotate(first=Min("pk")).values("first")
    return CoursePage.objects.filter(pk__in=firsts).order_by("path")


def create_class(*, centre, name, courses, trainer, start_date, created_by):
    """A new class with a fresh join code (a rare clash with another class's code is retried)."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                klass = Class.objects.create(
                    centre=centre, name=name, trainer=trainer, start_date=start_date, created_by=created_by
                )
                klass.courses.set(courses)
                return klass
        except IntegrityError:
            continue
    raise IntegrityError("could not find a free class code")


def normalise_join_code(raw):
    code = "".join(str(raw or "")[:20].split()).upper().replace("-", "")
    if len(code) != JOIN_CODE_LENGTH or any(ch not in JOIN_CODE_ALPHABET for ch in code):
        return None
    return code


def add_members(klass, users, added_by=None):
    """Put ``users`` in ``klass``; idempotent (people already in it stay as they are). Returns how many were new."""
    users = list(users)
    before = ClassMember.objects.filter(klass=klass).count()
    ClassMember.objects.bulk_create(
        [ClassMember(klass=klass, user=user, added_by=added_by) for user in users], ignore_conflicts=True
    )
    return ClassMember.objects.filter(klass=klass).count() - before


def join(user, raw_code):
    """A learner joins the class with this code; returns ``(class, joined_now)`` or ``(None, False)``."""
    code = normalise_join_code(raw_code)
    klass = Class.objects.filter(join_code=code).select_related("centre").first() if code else None
    if klass is None:
        return None, False
    return klass, add_members(klass, [user]) == 1


def remove_member(klass, user_id):
    ClassMember.objects.filter(klass=klass, user_id=user_id).delete()


def checkin_open(session, at=None):
    at = at or timezone.now()
    return session.starts_at - CHECKIN_OPENS_BEFORE <= at <= session.ends_at + CHECKIN_CLOSES_AFTER


def in_progress(session, at=None):
    at = at or timezone.now()
    return session.starts_at <= at <= session.ends_at


def open_sessions_for(user, at=None):
    """Sessions of the learner's classes that accept a check-in at ``at`` (today's, within the window)."""
    at = at or timezone.now()
    today = timezone.localdate(at)
    sessions = Session.objects.filter(klass__memberships__user=user, date__in=[today, today - datetime.timedelta(1)])
    return [session for session in sessions.select_related("klass") if checkin_open(session, at)]


def record(session, user, *, method, late=False, recorded_by=None, at=None):
    """One attendance row per learner and session; a second call returns the first row unchanged."""
    at = at or timezone.now()
    Attendance.objects.bulk_create(
        [Attendance(session=session, user=user, method=method, late=late, recorded_by=recorded_by, checked_in_at=at)],
        ignore_conflicts=True,
    )
    return Attendance.objects.get(session=session, user=user)


def check_in(user, raw_code, at=None):
    """Check ``user`` (only ever the signed-in learner) in with the code on the projector.

    Returns ``(attendance, created)``; raises ``CheckInError`` with a message for the learner.
    """
    at = at or timezone.now()
    code = codes.normalise(raw_code)
    if code is None:
        raise CheckInError(_("The check-in code has 6 digits. Please look at the screen and type it again."))
    sessions = open_sessions_for(user, at)
    if not sessions:
        raise CheckInError(
            _("None of your classes has a session open for check-in now. Check-in opens 15 minutes before a session.")
        )
    for session in sessions:
        if codes.matches(session.pk, code, at):
            existing = Attendance.objects.filter(session=session, user=user).first()
            if existing:
                return existing, False
            late = at > session.starts_at + LATE_AFTER
            return record(session, user, method=Attendance.Method.CODE, late=late, at=at), True
    raise CheckInError(_("This code is not right for your class now. The code changes every minute: try the new one."))


def save_roster(session, rows, recorded_by, at=None):
    """The trainer's roster: ``rows`` maps member user id -> ``(present, late, left_early)``.

    Ticked learners without a row get one (method roster); unticked ones lose theirs; late and left early
    are set as given. Only members of the session's class are touched. A constant number of queries.
    """
    at = at or timezone.now()
    members = set(ClassMember.objects.filter(klass_id=session.klass_id).values_list("user_id", flat=True))
    rows = {user_id: flags for user_id, flags in rows.items() if user_id in members}
    present = [user_id for user_id, (here, _late, _left) in rows.items() if here]
    absent = [user_id for user_id, (here, _late, _left) in rows.items() if not here]
    with transaction.atomic():
        Attendance.objects.filter(session=session, user_id__in=absent).delete()
        Attendance.objects.bulk_create(
            [
                Attendance(
                    session=session,
                    user_id=user_id,
                    method=Attendance.Method.ROSTER,
                    recorded_by=recorded_by,
                    checked_in_at=at,
                )
                for user_id in present
            ],
            ignore_conflicts=True,
        )
        for field in ("late", "left_early"):
            index = 1 if field == "late" else 2
            on = [user_id for user_id in present if rows[user_id][index]]
            off = [user_id for user_id in present if not rows[user_id][index]]
            Attendance.objects.filter(session=session, user_id__in=on).update(**{field: True})
            Attendance.objects.filter(session=session, user_id__in=off).update(**{field: False})


def current_session(klass, at=None):
    """The session to show: the one open for check-in now, else today's next or last one, else the next one."""
    at = at or timezone.now()
    sessions = list(klass.sessions.all())
    for session in sessions:
        if checkin_open(session, at):
            return session
    today = timezone.localdate(at)
    todays = [session for session in sessions if session.date == today]
    if todays:
        return todays[-1]
    upcoming = [session for session in sessions if session.date > today]
    return upcoming[0] if upcoming else (sessions[-1] if sessions else None)


def _children(model, courses):
    """Live child pages of ``courses`` of ``model`` as ``(pk, course pk)`` in one query."""
    if not courses:
        return []
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    by_path = {course.path: course.pk for course in courses}
    rows = model.objects.live().filter(condition).values_list("pk", "path")
    return [(pk, by_path[path[: len(path) - model.steplen]]) for pk, path in rows]


def board(klass, session=None, at=None):
    """Everything the live board shows, in a constant number of queries whatever the class size.

    Returns ``{"courses": [...], "rows": [...], "checked_in": n}``; each row has the learner, their
    attendance, per-course lessons done / total and quiz state, their last activity and ``stuck``.
    """
    at = at or timezone.now()
    members = list(
        ClassMember.objects.filter(klass=klass).select_related("user").order_by("user__display_name", "user__username")
    )
    courses = list(klass.courses.order_by("path"))
    member_ids = ClassMember.objects.filter(klass=klass).values("user_id")
    lessons = _children(LessonPage, courses)
    quizzes = _children(QuizPage, courses)
    lesson_total = {course.pk: 0 for course in courses}
    for _pk, course_id in lessons:
        lesson_total[course_id] += 1
    quiz_course = dict(quizzes)
    quiz_total = {course.pk: 0 for course in courses}
    for _pk, course_id in quizzes:
        quiz_total[course_id] += 1

    progress = {}
    for row in (
        LessonProgress.objects.filter(user__in=member_ids, lesson_id__in=[pk for pk, _c in lessons])
        .values("user_id", "course_id")
        .annotate(
            done=Count("pk", filter=Q(completed_at__isnull=False)),
            last_started=Max("started_at"),
            last_done=Max("completed_at"),
        )
    ):
        progress[(row["user_id"], row["course_id"])] = row
    attempts = {}
    for row in (
        QuizAttempt.objects.filter(user__in=member_ids, quiz_id__in=list(quiz_course))
        .values("user_id", "quiz_id")
        .annotate(passed=Count("pk", filter=Q(passed=True)), tries=Count("pk"), last=Max("started_at"))
    ):
        attempts[(row["user_id"], row["quiz_id"])] = row
    answered = dict(
        Answer.objects.filter(attempt__user__in=member_ids, attempt__quiz_id__in=list(quiz_course))
        .values("attempt__user_id")
        .annotate(last=Max("answered_at"))
        .values_list("attempt__user_id", "last")
    )
    attendance = {}
    if session is not None:
        attendance = {row.user_id: row for row in Attendance.objects.filter(session=session)}

    running = session is not None and in_progress(session, at)
    rows = []
    for member in members:
        user_id = member.user_id
        times = [answered.get(user_id)]
        per_course = []
        all_done = bool(courses)
        for course in courses:
            lesson_row = progress.get((user_id, course.pk), {})
            times += [lesson_row.get("last_started"), lesson_row.get("last_done")]
            quiz_rows = [attempts.get((user_id, quiz_id)) for quiz_id, cid in quiz_course.items() if cid == course.pk]
            quiz_rows = [row for row in quiz_rows if row]
            times += [row["last"] for row in quiz_rows]
            passed = sum(1 for row in quiz_rows if row["passed"])
            if quiz_total[course.pk] and passed == quiz_total[course.pk]:
                quiz_state = "passed"
            elif quiz_rows:
                quiz_state = "started"
            else:
                quiz_state = "none"
            done = lesson_row.get("done", 0)
            finished = done >= lesson_total[course.pk] and quiz_state in ("passed",) + (
                ("none",) if not quiz_total[course.pk] else ()
            )
            all_done = all_done and finished
            per_course.append(
                {
                    "course": course,
                    "done": done,
                    "total": lesson_total[course.pk],
                    "quiz_state": quiz_state,
                    "has_quiz": bool(quiz_total[course.pk]),
                }
            )
        last = max((t for t in times if t is not None), default=None)
        here = attendance.get(user_id)
        stuck = False
        if running and here is not None and not all_done:
            reference = max(t for t in (last, session.starts_at, here.checked_in_at) if t is not None)
            stuck = at - reference >= STUCK_AFTER
        rows.append({"user": member.user, "attendance": here, "courses": per_course, "last": last, "stuck": stuck})
    return {
        "courses": courses,
        "rows": rows,
        "checked_in": len(attendance),
        "stuck": sum(1 for row in rows if row["stuck"]),
        "running": running,
    }
