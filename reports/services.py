"""Read-only aggregation queries behind the dashboards, the learner list and the exports.

Attribution: a learner, their enrolments and quiz attempts count at the learner's home centre
(``User.home_centre``); a certificate counts at the centre printed on it (``Certificate.centre``).
All counting happens in the database (``GROUP BY`` with conditional ``COUNT``); Python only merges
aggregate rows (at most one per centre, course or month), never one row per learner or per attempt.
"""

import datetime
import unicodedata
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail.models import Page

from learners.models import Centre, Membership
from learners.permissions import CENTRE_STAFF_GROUP
from lessons.models import CoursePage, Enrolment, LessonPage, LessonProgress

from .permissions import NATIONAL_STAFF_GROUP

ACTIVE_DAYS = 30
CHART_MONTHS = 12
NO_CENTRE = None


def quiz_attempt_model():
    """``quizzes.QuizAttempt`` when the quizzes app provides it (reports reads it, never imports it)."""
    try:
        return apps.get_model("quizzes", "QuizAttempt")
    except LookupError:
        return None


def certificate_model():
    try:
        return apps.get_model("certificates", "Certificate")
    except LookupError:
        return None


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def month_start(day):
    return day.replace(day=1)


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def default_period(today=None):
    """The last twelve months: the first day of the month eleven months ago, to today."""
    today = today or timezone.localdate()
    return add_months(month_start(today), -(CHART_MONTHS - 1)), today


@dataclass(frozen=True)
class ReportFilter:
    """What a report covers: one centre, one province or the whole country; one course or all; a period."""

    date_from: datetime.date
    date_to: datetime.date
    centre: Centre | None = None
    province: str = ""
    course: CoursePage | None = None
    now: datetime.datetime = field(default_factory=timezone.now)

    @property
    def start(self):
        return local_midnight(self.date_from)

    @property
    def end(self):
        return local_midnight(self.date_to + datetime.timedelta(days=1))

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

    def in_period(self, name):
        return Q(**{f"{name}__gte": self.start, f"{name}__lt": self.end})

    @property
    def chart_months(self):
        last = month_start(self.date_to)
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
    """``{quiz page pk: course page pk}`` for quiz pages found anywhere below a source course."""
    QuizAttempt = quiz_attempt_model()
    if QuizAttempt is None:
        return {}
    quiz_model = QuizAttempt._meta.get_field("quiz").related_model
    courses = {course.path: course.pk for course in source_courses()}
    mapping = {}
    for pk, path in quiz_model.objects.values_list("pk", "path"):
        for depth in range(len(path) - Page.steplen, 0, -Page.steplen):
            if path[:depth] in courses:
                mapping[pk] = courses[path[:depth]]
                break
    return mapping


def _quiz_attempts(f):
    QuizAttempt = quiz_attempt_model()
    if QuizAttempt is None:
        return None
    attempts = QuizAttempt.objects.filter(f.users("user__"), f.in_period("finished_at"))
    if f.course is not None:
        quiz_ids = [quiz for quiz, course in quiz_courses().items() if course == f.course.pk]
        attempts = attempts.filter(quiz_id__in=quiz_ids)
    return attempts


def _certificates(f):
    Certificate = certificate_model()
    if Certificate is None:
        return None
    certificates = Certificate.objects.filter(f.centres(), f.in_period("issued_at"))
    if f.course is not None:
        certificates = certificates.filter(course=f.course)
    return certificates


def _enrolments(f):
    enrolments = Enrolment.objects.filter(f.users("user__"))
    if f.course is not None:
        enrolments = enrolments.filter(course=f.course)
    return enrolments


def _enrolment_counts(f):
    return {
        "enrolments": Count("pk", filter=f.in_period("started_at")),
        "completions": Count("pk", filter=f.in_period("completed_at")),
        "active": Count(
            "user_id", distinct=True, filter=Q(last_visited_at__gte=f.now - datetime.timedelta(days=ACTIVE_DAYS))
        ),
    }


def learners(f=None):
    """Active learner accounts in scope: no admin flags, no staff or trainer role, in no staff group."""
    User = get_user_model()
    other_roles = Membership.objects.filter(
        user=OuterRef("pk"), role__in=[Membership.Role.STAFF, Membership.Role.TRAINER]
    )
    staff_groups = User.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=[NATIONAL_STAFF_GROUP, CENTRE_STAFF_GROUP]
    )
    users = User.objects.filter(is_active=True, is_superuser=False, is_staff=False).filter(
        ~Exists(other_roles), ~Exists(staff_groups)
    )
    return users.filter(f.users()) if f is not None else users


def rate(part, whole):
    """A percentage rounded to one decimal, or None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def summary(f):
    """Headline figures for the scope: learners, active learners, enrolments, completions, certificates, quizzes."""
    figures = _enrolments(f).aggregate(**_enrolment_counts(f))
    figures["learners"] = learners(f).count()
    certificates = _certificates(f)
    figures["certificates"] = certificates.filter(status="valid").count() if certificates is not None else None
    attempts = _quiz_attempts(f)
    if attempts is not None:
        figures.update(attempts.aggregate(quiz_attempts=Count("pk"), quiz_passed=Count("pk", filter=Q(passed=True))))
    else:
        figures.update(quiz_attempts=None, quiz_passed=None)
    figures["pass_rate"] = rate(figures["quiz_passed"] or 0, figures["quiz_attempts"])
    figures["completion_rate"] = rate(figures["completions"], figures["enrolments"])
    return figures


def course_rows(f, language="th"):
    """Per course: enrolments and completions in the period, learners active now, certificates, quiz pass rate."""
    courses = list(source_courses() if f.course is None else [f.course])
    titles = course_titles(courses, language)
    by_course = {row["course_id"]: row for row in _enrolments(f).values("course_id").annotate(**_enrolment_counts(f))}
    certificates = _certificates(f)
    certs = {}
    if certificates is not None:
        certs = dict(certificates.filter(status="valid").values_list("course_id").annotate(n=Count("pk")))
    quiz_totals = {}
    attempts = _quiz_attempts(f)
    if attempts is not None:
        mapping = quiz_courses()
        for row in attempts.values("quiz_id").annotate(n=Count("pk"), passed=Count("pk", filter=Q(passed=True))):
            course_id = mapping.get(row["quiz_id"])
            total = quiz_totals.setdefault(course_id, [0, 0])
            total[0] += row["n"]
            total[1] += row["passed"]
    rows = []
    for course in courses:
        counts = by_course.get(course.pk, {})
        attempts_n, passed_n = quiz_totals.get(course.pk, (0, 0))
        rows.append(
            {
                "course": course,
                "title": titles[course.pk],
                "enrolments": counts.get("enrolments", 0),
                "completions": counts.get("completions", 0),
                "active": counts.get("active", 0),
                "completion_rate": rate(counts.get("completions", 0), counts.get("enrolments", 0)),
                "certificates": certs.get(course.pk, 0) if certificates is not None else None,
                "quiz_attempts": attempts_n if attempts is not None else None,
                "quiz_passed": passed_n if attempts is not None else None,
                "pass_rate": rate(passed_n, attempts_n),
            }
        )
    return rows


def _per_month(queryset, date_field, months):
    counts = {
        row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]: row["n"]
        for row in queryset.annotate(month=TruncMonth(date_field)).values("month").annotate(n=Count("pk"))
    }
    return [counts.get(month, 0) for month in months]


def monthly(f):
    """Twelve months ending with the period's last month: enrolments, completions, certificates per month."""
    months = f.chart_months
    window = ReportFilter(date_from=months[0], date_to=f.date_to, centre=f.centre, province=f.province, course=f.course)
    enrolments = _enrolments(window)
    result = {
        "months": months,
        "enrolments": _per_month(enrolments.filter(window.in_period("started_at")), "started_at", months),
        "completions": _per_month(enrolments.filter(window.in_period("completed_at")), "completed_at", months),
    }
    certificates = _certificates(window)
    if certificates is not None:
        result["certificates"] = _per_month(certificates.filter(status="valid"), "issued_at", months)
    return result


def centre_rows(f):
    """Per centre in scope (plus learners with no centre, for national figures), unranked."""
    centres = Centre.objects.all()
    if f.centre is not None:
        centres = centres.filter(pk=f.centre.pk)
    elif f.province:
        centres = centres.filter(province=f.province)
    learner_counts = dict(learners(f).values_list("home_centre_id").annotate(n=Count("pk")))
    enrolment_counts = {
        row["user__home_centre_id"]: row
        for row in _enrolments(f).values("user__home_centre_id").annotate(**_enrolment_counts(f))
    }
    certificates = _certificates(f)
    cert_counts = {}
    if certificates is not None:
        cert_counts = dict(certificates.filter(status="valid").values_list("centre_id").annotate(n=Count("pk")))
    attempts = _quiz_attempts(f)
    quiz_counts = {}
    if attempts is not None:
        quiz_counts = {
            row["user__home_centre_id"]: row
            for row in attempts.values("user__home_centre_id").annotate(
                n=Count("pk"), passed=Count("pk", filter=Q(passed=True))
            )
        }
    rows = []
    for centre in centres.values("pk", "code", "name_th", "name_en", "province", "district"):
        rows.append(_centre_row(centre, centre["pk"], learner_counts, enrolment_counts, cert_counts, quiz_counts))
    if f.level == "national":
        rows.append(_centre_row(None, NO_CENTRE, learner_counts, enrolment_counts, cert_counts, quiz_counts))
    return rows


def _centre_row(centre, key, learner_counts, enrolment_counts, cert_counts, quiz_counts):
    counts = enrolment_counts.get(key, {})
    quiz = quiz_counts.get(key, {})
    row = {
        "centre": centre,
        "learners": learner_counts.get(key, 0),
        "active": counts.get("active", 0),
        "enrolments": counts.get("enrolments", 0),
        "completions": counts.get("completions", 0),
        "certificates": cert_counts.get(key, 0),
        "quiz_attempts": quiz.get("n", 0),
        "quiz_passed": quiz.get("passed", 0),
    }
    row["completion_rate"] = rate(row["completions"], row["enrolments"])
    row["pass_rate"] = rate(row["quiz_passed"], row["quiz_attempts"])
    return row


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


SUMMED = ("learners", "active", "enrolments", "completions", "certificates", "quiz_attempts", "quiz_passed")


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
    result = sorted(provinces.values(), key=lambda row: row["province"])
    for row in result:
        row["completion_rate"] = rate(row["completions"], row["enrolments"])
        row["pass_rate"] = rate(row["quiz_passed"], row["quiz_attempts"])
    return result


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


def lesson_totals(courses):
    """``{course pk: number of live lessons}`` in one query."""
    by_path = {course.path: course.pk for course in courses}
    totals = dict.fromkeys(by_path.values(), 0)
    if not by_path:
        return totals
    paths = Q()
    for path in by_path:
        paths |= Q(path__startswith=path)
    for path in LessonPage.objects.live().filter(paths).values_list("path", flat=True):
        course_pk = by_path.get(path[: -Page.steplen])
        if course_pk is not None:
            totals[course_pk] += 1
    return totals


def learner_progress(user_ids, courses, totals=None):
    """``{user id: {course pk: {"done", "total", "percent", "completed_at"}}}`` for enrolled courses only.

    Two queries whatever the number of learners (callers pass one page or one export chunk).
    """
    totals = totals if totals is not None else lesson_totals(courses)
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
