"""Aggregation behind the dashboards, the learner list and the exports.

Attribution: a learner, their enrolments and quiz attempts count at the learner's home centre
(``User.home_centre``); a certificate counts at the centre printed on it (``Certificate.centre``).

Dashboards read the small ``MonthlyFigures`` / ``CentreFigures`` tables, which ``refresh_figures`` rebuilds
from the raw tables with ``GROUP BY`` queries (a background task, at most every ``REFRESH_AFTER``). Python
only merges grouped rows (per centre, course and month), never one row per learner or per attempt. The
learner list and its export read the raw tables directly, one page or chunk at a time.
"""

import datetime
import time
import unicodedata
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail.models import Page

from certificates.models import Certificate
from learners.models import Centre
from learners.permissions import plain_learners
from lessons.models import CoursePage, Enrolment, LessonPage, LessonProgress
from quizzes.models import QuizAttempt, QuizPage

from .models import CentreFigures, FiguresRefresh, MonthlyFigures

ACTIVE_DAYS = 30
CHART_MONTHS = 12
NO_CENTRE = None
REFRESH_AFTER = datetime.timedelta(minutes=15)
COUNTS = ("enrolments", "completions", "certificates", "quiz_attempts", "quiz_passed")


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def month_start(day):
    return day.replace(day=1)


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(day):
    return add_months(day, 1) - datetime.timedelta(days=1)


def default_period(today=None):
    """The last twelve months, this one included: ``(first month, last month)`` as first days."""
    this_month = month_start(today or timezone.localdate())
    return add_months(this_month, -(CHART_MONTHS - 1)), this_month


@dataclass(frozen=True)
class ReportFilter:
    """What a report covers: one centre, one province or the whole country; one course or all; whole months."""

    month_from: datetime.date
    month_to: datetime.date
    centre: Centre | None = None
    province: str = ""
    course: CoursePage | None = None

    @property
    def date_from(self):
        return month_start(self.month_from)

    @property
    def date_to(self):
        return month_end(self.month_to)

    @property
    def level(self):
        if self.centre is not None:
            return "centre"
        return "province" if self.province else "national"

    def users(self, prefix=""):
        """``Q`` selecting rows whose learner (reached through ``prefix``) is in scope."""
        if self.centre is not None:
            return Q(**{f"{prefix}home_centre": self.centre})
        if self.province:
            return Q(**{f"{prefix}home_centre__province": self.province})
        return Q()

    def centres(self, prefix="centre"):
        if self.centre is not None:
            return Q(**{prefix: self.centre})
        if self.province:
            return Q(**{f"{prefix}__province": self.province})
        return Q()

    @property
    def months(self):
        """Every month of the period, as first days."""
        months, month = [], month_start(self.month_from)
        while month <= self.month_to:
            months.append(month)
            month = add_months(month, 1)
        return months

    @property
    def chart_months(self):
        last = month_start(self.month_to)
        return [add_months(last, offset) for offset in range(-(CHART_MONTHS - 1), 1)]


def source_courses():
    """Courses as progress stores them: the source page of each translation set, in site order."""
    firsts = CoursePage.objects.values("translation_key").annotate(first=Min("pk")).values("first")
    return CoursePage.objects.filter(pk__in=firsts).order_by("path")


def course_titles(courses, language):
    """``{course pk: title in language}``, falling back to the source title."""
    courses = list(courses)
    titles = {course.pk: course.title for course in courses}
    keys = {course.translation_key: course.pk for course in courses}
    translated = CoursePage.objects.filter(
        translation_key__in=keys, locale__language_code=(language or "th")[:2]
    ).values_list("translation_key", "title")
    for key, title in translated:
        titles[keys[key]] = title
    return titles


def quiz_courses():
    """``{quiz page pk: course page pk}`` for every quiz below a source course."""
    courses = {course.path: course.pk for course in source_courses()}
    mapping = {}
    for pk, path in QuizPage.objects.values_list("pk", "path"):
        for depth in range(len(path) - Page.steplen, 0, -Page.steplen):
            if path[:depth] in courses:
                mapping[pk] = courses[path[:depth]]
                break
    return mapping


def learners(f=None):
    """Active plain learner accounts in scope (``learners.permissions.plain_learners``, the one rule)."""
    users = plain_learners().filter(is_active=True)
    return users.filter(f.users()) if f is not None else users


def rate(part, whole):
    """A percentage rounded to one decimal, or None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


# Rebuilding the figures ------------------------------------------------------------------------------------


def _month(value):
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
                (row["figures_centre"], row["course_id"], _month(row["month"])), dict.fromkeys(COUNTS, 0)
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
    from .tasks import refresh_figures_task

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


# Reading the figures ---------------------------------------------------------------------------------------


def _monthly(f, months):
    figures = MonthlyFigures.objects.filter(f.centres(), month__gte=months[0], month__lte=months[-1])
    if f.course is not None:
        figures = figures.filter(course=f.course)
    return figures


def _sums():
    return {name: Sum(name) for name in COUNTS}


def _clean(row):
    for name in COUNTS:
        row[name] = row.get(name) or 0
    row["completion_rate"] = rate(row["completions"], row["enrolments"])
    row["pass_rate"] = rate(row["quiz_passed"], row["quiz_attempts"])
    return row


def _people(f):
    """``{centre id: (learners, active)}``; active counts the chosen course only when there is one."""
    learners_by_centre = dict(
        CentreFigures.objects.filter(f.centres(), course=None).values_list("centre_id", "learners")
    )
    active_by_centre = dict(
        CentreFigures.objects.filter(f.centres(), course=f.course).values_list("centre_id", "active")
    )
    return {
        key: (learners_by_centre.get(key, 0), active_by_centre.get(key, 0))
        for key in set(learners_by_centre) | set(active_by_centre)
    }


def summary(f):
    """Headline figures for the scope and period."""
    figures = _clean(_monthly(f, f.months).aggregate(**_sums()))
    people = _people(f).values()
    figures["learners"] = sum(learners for learners, _ in people)
    figures["active"] = sum(active for _, active in people)
    return figures


def course_rows(f, language="th"):
    """Per course: enrolments and completions in the period, learners active now, certificates, quiz pass rate."""
    courses = list(source_courses() if f.course is None else [f.course])
    titles = course_titles(courses, language)
    sums = {row["course_id"]: row for row in _monthly(f, f.months).values("course_id").annotate(**_sums()).order_by()}
    active = dict(
        CentreFigures.objects.filter(f.centres(), course__in=courses)
        .values_list("course_id")
        .annotate(n=Sum("active"))
        .order_by()
    )
    rows = []
    for course in courses:
        row = {**sums.get(course.pk, {}), "course": course, "title": titles[course.pk]}
        row["active"] = active.get(course.pk, 0)
        rows.append(_clean(row))
    return rows


def monthly(f):
    """Twelve months ending with the period's last month: enrolments, completions, certificates per month."""
    months = f.chart_months
    by_month = {_month(row["month"]): row for row in _monthly(f, months).values("month").annotate(**_sums()).order_by()}
    return {"months": months, **{name: [by_month.get(month, {}).get(name) or 0 for month in months] for name in COUNTS}}


def centre_rows(f):
    """Per centre in scope (plus, nationally, learners without a centre), unranked."""
    if f.centre is not None:
        centres = Centre.objects.filter(pk=f.centre.pk)
    elif f.province:
        centres = Centre.objects.filter(province=f.province)
    else:
        centres = Centre.objects.all()
    sums = {row["centre_id"]: row for row in _monthly(f, f.months).values("centre_id").annotate(**_sums()).order_by()}
    people = _people(f)
    keys = [(centre, centre["pk"]) for centre in centres.values("pk", "code", "name_th", "name_en", "province")]
    if f.level == "national":
        keys.append((None, NO_CENTRE))
    rows = []
    for centre, key in keys:
        learners_n, active_n = people.get(key, (0, 0))
        rows.append(_clean({**sums.get(key, {}), "centre": centre, "learners": learners_n, "active": active_n}))
    return rows


def ranking(rows):
    """Centres best first: completions, then completion rate, then active learners; ties share a rank."""
    ranked = sorted(
        (row for row in rows if row["centre"] is not None),
        key=lambda row: (-row["completions"], -(row["completion_rate"] or 0), -row["active"], row["centre"]["code"]),
    )
    previous, rank = None, 0
    for position, row in enumerate(ranked, start=1):
        key = (row["completions"], row["completion_rate"], row["active"])
        if key != previous:
            rank, previous = position, key
        row["rank"] = rank
    return ranked


SUMMED = ("learners", "active", *COUNTS)


def province_rows(rows):
    """Per province, summed from the per-centre rows (learners without a centre are left out)."""
    provinces = {}
    for row in rows:
        if row["centre"] is None:
            continue
        total = provinces.setdefault(row["centre"]["province"], {"province": row["centre"]["province"], "centres": 0})
        total["centres"] += 1
        for name in SUMMED:
            total[name] = total.get(name, 0) + row[name]
    return [_clean(row) for row in sorted(provinces.values(), key=lambda row: row["province"])]


def provinces():
    return list(Centre.objects.order_by("province").values_list("province", flat=True).distinct())


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


def lesson_totals(courses):
    """``{course pk: number of live lessons}``."""
    return {course: len(lessons) for course, lessons in live_lessons(courses).items()}


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
