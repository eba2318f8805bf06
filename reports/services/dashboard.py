"""Read queries behind the dashboards: sums of the figures per course, month, centre and province."""

from django.db.models import Sum

from learners.models import Centre

from ..models import CentreFigures, MonthlyFigures
from .figures import COUNTS, month_of
from .scope import course_titles, rate, source_courses

NO_CENTRE = None


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
    by_month = {
        month_of(row["month"]): row for row in _monthly(f, months).values("month").annotate(**_sums()).order_by()
    }
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
