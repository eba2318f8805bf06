"""Rebuilding the dashboards' figures from the raw tables (``MonthlyFigures``, ``CentreFigures``)."""

import datetime
import time

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from certificates.models import Certificate
from lessons.models import Enrolment
from quizzes.models import QuizAttempt

from ..models import CentreFigures, FiguresRefresh, MonthlyFigures
from .scope import learners, quiz_courses

ACTIVE_DAYS = 30
REFRESH_AFTER = datetime.timedelta(minutes=15)
COUNTS = ("enrolments", "completions", "certificates", "quiz_attempts", "quiz_passed")


def month_of(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def _grouped(queryset, date_field, centre_field, key_field, **extra):
    """Rows of ``{figures_centre, <key_field>, month, n, ...}``: ``queryset`` counted per centre, key and month."""
    return (
        queryset.annotate(month=TruncMonth(date_field), figures_centre=F(centre_field))
        .values("figures_centre", key_field, "month")
        .annotate(n=Count("pk"), **extra)
        .order_by()
    )


def refresh_figures(now=None):
    """Rebuild ``MonthlyFigures`` and ``CentreFigures`` from the raw tables in one transaction.

    Readers keep seeing the previous figures until it commits. Returns the ``FiguresRefresh`` row.
    """
    started = time.perf_counter()
    now = now or timezone.now()
    cells = {}

    def add(rows, field):
        for row in rows:
            cell = cells.setdefault(
                (row["figures_centre"], row["course_id"], month_of(row["month"])), dict.fromkeys(COUNTS, 0)
            )
            cell[field] += row["n"]
            if "passed" in row:
                cell["quiz_passed"] += row["passed"]

    add(_grouped(Enrolment.objects.all(), "started_at", "user__home_centre_id", "course_id"), "enrolments")
    add(
        _grouped(
            Enrolment.objects.filter(completed_at__isnull=False), "completed_at", "user__home_centre_id", "course_id"
        ),
        "completions",
    )
    add(_grouped(Certificate.objects.valid(), "issued_at", "centre_id", "course_id"), "certificates")
    quiz_map = quiz_courses()
    attempts = _grouped(
        QuizAttempt.objects.filter(finished_at__isnull=False),
        "finished_at",
        "user__home_centre_id",
        "quiz_id",
        passed=Count("pk", filter=Q(passed=True)),
    )
    add(
        ({**row, "course_id": quiz_map[row["quiz_id"]]} for row in attempts if row["quiz_id"] in quiz_map),
        "quiz_attempts",
    )
    people = {}
    for centre_id, n in learners().values_list("home_centre_id").annotate(n=Count("pk")).order_by():
        people[(centre_id, None)] = {"learners": n, "active": 0}
    recent = Enrolment.objects.filter(last_visited_at__gte=now - datetime.timedelta(days=ACTIVE_DAYS))
    distinct_active = recent.values_list("user__home_centre_id").annotate(n=Count("user_id", distinct=True))
    for centre_id, n in distinct_active.order_by():
        people.setdefault((centre_id, None), {"learners": 0, "active": 0})["active"] = n
    for centre_id, course_id, n in (
        recent.values_list("user__home_centre_id", "course_id").annotate(n=Count("pk")).order_by()
    ):
        people[(centre_id, course_id)] = {"learners": 0, "active": n}
    with transaction.atomic():
        MonthlyFigures.objects.all().delete()
        CentreFigures.objects.all().delete()
        MonthlyFigures.objects.bulk_create(
            (
                MonthlyFigures(centre_id=centre, course_id=course, month=month, **counts)
                for (centre, course, month), counts in cells.items()
            ),
            batch_size=5000,
        )
        CentreFigures.objects.bulk_create(
            (CentreFigures(centre_id=centre, course_id=course, **row) for (centre, course), row in people.items()),
            batch_size=5000,
        )
        FiguresRefresh.objects.update_or_create(
            pk=1, defaults={"finished_at": timezone.now(), "seconds": time.perf_counter() - started}
        )
    return last_refresh()


def last_refresh():
    return FiguresRefresh.objects.filter(pk=1, finished_at__isnull=False).first()


def ensure_fresh():
    """Queue one rebuild when the figures are missing or older than ``REFRESH_AFTER``; returns the last refresh.

    The conditional update on ``requested_at`` lets only one of many simultaneous requests queue the task.
    """
    from ..tasks import refresh_figures_task

    now = timezone.now()
    try:
        with transaction.atomic():
            FiguresRefresh.objects.get_or_create(pk=1)
    except IntegrityError:  # another request created the row at the same moment
        pass
    stale = Q(finished_at__isnull=True) | Q(finished_at__lt=now - REFRESH_AFTER)
    not_asked = Q(requested_at__isnull=True) | Q(requested_at__lt=now - REFRESH_AFTER)
    if FiguresRefresh.objects.filter(stale, not_asked, pk=1).update(requested_at=now):
        refresh_figures_task.enqueue()
    return last_refresh()
