"""Enrolment and lesson progress: the one progress service.

Progress is stored against a page's *source* page (the first translation created), so a learner who
switches language keeps their progress.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import CoursePage, Enrolment, LessonPage, LessonProgress

# Higher apps (e.g. quizzes) register callables ``check(user, course) -> bool`` that must all be true
# for a course to count as complete. Registered in their AppConfig.ready(); lessons imports none of them.
completion_checks = []
# Callables ``on_complete(user, course)`` run after a course becomes complete (e.g. auto-issue a certificate).
completion_listeners = []


def source_page(page):
    """The first-created translation of ``page`` (itself when it has none)."""
    if page is None:
        return None
    first = type(page).objects.filter(translation_key=page.translation_key).order_by("pk").first()
    return first or page


def _get_or_create(model, lookup, defaults=None):
    """get_or_create that survives a concurrent insert racing on a unique constraint."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(**lookup, defaults=defaults or {})
    except IntegrityError:
        return model.objects.get(**lookup), False


def enrol(user, course):
    course = source_page(course.specific if not isinstance(course, CoursePage) else course)
    enrolment, _ = _get_or_create(Enrolment, {"user": user, "course": course})
    return enrolment


def start_lesson(user, lesson):
    """Record that ``user`` opened ``lesson``: enrols them and remembers the lesson for "continue"."""
    lesson = source_page(lesson)
    course = source_page(lesson.get_parent().specific)
    enrolment = enrol(user, course)
    Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_visited_at=timezone.now())
    progress, _ = _get_or_create(LessonProgress, {"user": user, "lesson": lesson}, {"course": course})
    return progress


def mark_done(user, lesson):
    """Mark ``lesson`` completed for ``user``. Idempotent: a double click gives one record."""
    progress = start_lesson(user, lesson)
    if progress.completed_at is None:
        now = timezone.now()
        LessonProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(completed_at=now)
        progress.completed_at = now
    update_course_completion(user, progress.course)
    return progress


def course_lessons(course):
    """Live lessons of a course, in outline order."""
    return LessonPage.objects.child_of(course).live().order_by("path")


def course_progress(user, course):
    """``(done, total)`` lesson counts for ``user`` in ``course`` (source page counted)."""
    course = source_page(course)
    total = course_lessons(course).count()
    if not user.is_authenticated:
        return 0, total
    done = LessonProgress.objects.filter(
        user=user, course=course, completed_at__isnull=False, lesson__live=True
    ).count()
    return done, total


def update_course_completion(user, course):
    """Set or clear the enrolment's completion; returns True when the course is complete."""
    course = source_page(course)
    done, total = course_progress(user, course)
    complete = total > 0 and done >= total and all(check(user, course) for check in completion_checks)
    enrolment = enrol(user, course)
    if complete and enrolment.completed_at is None:
        updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
        if updated:
            for listener in completion_listeners:
                listener(user, course)
    return complete


def outline(user, course):
    """The course outline for ``user``: every live child page in order with its status.

    Returns a list of dicts ``{"page", "status"}`` where status is ``"done"``, ``"started"`` or
    ``"not_started"``. Constant number of queries whatever the course size.
    """
    children = list(course.get_children().live().specific().order_by("path"))
    statuses = {}
    if user.is_authenticated:
        translation_keys = [page.translation_key for page in children]
        source_by_key = {}
        for pk, key in (
            LessonPage.objects.filter(translation_key__in=translation_keys)
            .order_by("-pk")
            .values_list("pk", "translation_key")
        ):
            source_by_key[key] = pk  # ends on the lowest pk: the source page
        rows = LessonProgress.objects.filter(user=user, lesson_id__in=source_by_key.values()).values_list(
            "lesson_id", "completed_at"
        )
        by_source = {lesson_id: ("done" if completed else "started") for lesson_id, completed in rows}
        for page in children:
            statuses[page.pk] = by_source.get(source_by_key.get(page.translation_key), "not_started")
    return [{"page": page, "status": statuses.get(page.pk, "not_started")} for page in children]
