"""The learner list and its export: live queries on the raw tables, one page or chunk at a time."""

import unicodedata

from django.db.models import Count, Q
from wagtail.models import Page

from lessons.models import Enrolment, LessonPage, LessonProgress

from .scope import learners

THAI_AM_DECOMPOSED = "\u0e4d\u0e32"


def normalise_search(text):
    """Search text as people type it: NFC, no zero-width spaces, SARA AM in one code point, single spaces."""
    text = unicodedata.normalize("NFC", text or "").replace("\u200b", "").replace(THAI_AM_DECOMPOSED, "\u0e33")
    return " ".join(text.split())


def learner_list(f, query=""):
    """Learners in scope matching ``query`` (name, username or mobile number), in name order."""
    users = learners(f).select_related("home_centre")
    query = normalise_search(query)
    if query:
        match = (
            Q(display_name__icontains=query)
            | Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
        digits = query.replace("-", "").replace(" ", "")
        if digits.isdigit():
            match |= Q(mobile__contains=digits)
        users = users.filter(match)
    return users.order_by("display_name", "username", "pk")


def live_lessons(courses):
    """``{course pk: [live lesson pks]}`` in one query."""
    by_path = {course.path: course.pk for course in courses}
    lessons = {pk: [] for pk in by_path.values()}
    if not by_path:
        return lessons
    paths = Q()
    for path in by_path:
        paths |= Q(path__startswith=path)
    for pk, path in LessonPage.objects.live().filter(paths).values_list("pk", "path"):
        course_pk = by_path.get(path[: -Page.steplen])
        if course_pk is not None:
            lessons[course_pk].append(pk)
    return lessons


def learner_progress(user_ids, courses, lessons=None):
    """``{user id: {course pk: {"done", "total", "percent", "completed_at"}}}`` for enrolled courses only.

    Two queries whatever the number of learners (callers pass one page or one export chunk).
    """
    lessons = lessons if lessons is not None else live_lessons(courses)
    totals = {course: len(pks) for course, pks in lessons.items()}
    course_ids = list(totals)
    progress = {}
    enrolments = Enrolment.objects.filter(user_id__in=user_ids, course_id__in=course_ids).values_list(
        "user_id", "course_id", "completed_at"
    )
    for user_id, course_id, completed_at in enrolments:
        progress.setdefault(user_id, {})[course_id] = {
            "done": 0,
            "total": totals[course_id],
            "percent": 0,
            "completed_at": completed_at,
        }
    done_counts = (
        LessonProgress.objects.filter(
            user_id__in=user_ids, course_id__in=course_ids, completed_at__isnull=False, lesson__live=True
        )
        .values_list("user_id", "course_id")
        .annotate(n=Count("pk"))
    )
    for user_id, course_id, done in done_counts:
        entry = progress.get(user_id, {}).get(course_id)
        if entry is not None:
            entry["done"] = min(done, entry["total"])
            entry["percent"] = round(100 * entry["done"] / entry["total"]) if entry["total"] else 0
    return progress
