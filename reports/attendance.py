"""Class attendance in the reports: figures per month and per class / centre / province, exports and the
printable sign-in sheet of one session (PDF).

Read-only over ``classes``. Attendance counts at the centre of the class. "Sessions held" are sessions
in the period with at least one learner present; "learners attending" are distinct learners present at
least once; "hours at the centre" add up each present learner's session length (learner-hours).
All figures come from ``GROUP BY`` queries, never one row per learner.
"""

from pathlib import Path

from django.conf import settings
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from certificates.pdf import LocalFetcher, font_css
from classes.models import Attendance, ClassMember
from lms.dates import format_date, format_month

from . import exports


def _attendance(f):
    """Attendance rows in the filter's scope and period (the class's centre; the course, if chosen)."""
    rows = Attendance.objects.filter(
        f.centres("session__klass__centre"), session__date__gte=f.date_from, session__date__lte=f.date_to
    )
    if f.course is not None:
        rows = rows.filter(session__klass__courses=f.course)
    return rows


def _figures():
    return {
        "sessions": Count("session", distinct=True),
        "learners": Count("user", distinct=True),
        "minutes": Sum(F("session__minutes")),
    }


def _hours(row):
    row["hours"] = round((row.pop("minutes") or 0) / 60, 1)
    return row


def figures(f):
    """``{"total", "months", "rows", "group"}`` for the dashboard: totals, per month, per class / centre / province."""
    rows = _attendance(f)
    total = _hours(rows.aggregate(**_figures()))
    by_month = {
        row["month"]: _hours(row)
        for row in rows.annotate(month=TruncMonth("session__date")).values("month").annotate(**_figures()).order_by()
    }
    months = [
        {
            "label": format_month(month, get_language() or "th"),
            **by_month.get(month, {"sessions": 0, "learners": 0, "hours": 0}),
        }
        for month in f.months
    ]
    if f.level == "centre":
        group = "class"
        breakdown = rows.values(name=F("session__klass__name"), key=F("session__klass_id"))
    elif f.level == "province":
        group = "centre"
        breakdown = rows.values(name=F("session__klass__centre__name_th"), key=F("session__klass__centre__code"))
    else:
        group = "province"
        breakdown = rows.values(name=F("session__klass__centre__province"), key=F("session__klass__centre__province"))
    breakdown = [_hours(row) for row in breakdown.annotate(**_figures()).order_by("name")]
    return {"total": total, "months": months, "rows": breakdown, "group": group}


def attendance_table(f, language):
    """The dashboard's attendance figures as one sheet: per month, then per class / centre / province."""
    data = figures(f)
    group_label = {"class": _("Class"), "centre": _("Centre"), "province": _("Province")}[data["group"]]
    headers = [_("Month") + " / " + group_label, _("Sessions held"), _("Learners attending"), _("Hours at the centre")]
    rows = [[month["label"], month["sessions"], month["learners"], month["hours"]] for month in data["months"]]
    rows += [[row["name"], row["sessions"], row["learners"], row["hours"]] for row in data["rows"]]
    return exports.Table("attendance", _("Attendance"), headers, rows)


def session_table(session, language):
    """One session's roster for XLSX / CSV: every member, present or not, with check-in time and notes."""
    rows = [row[1:] for row in sheet_rows(session, language)]
    return exports.Table("session", _("Attendance"), _sheet_headers(), rows)


def _sheet_headers():
    return [_("No."), _("Name"), _("Username"), _("Present"), _("Checked in at"), _("Arrived late"), _("Left early")]


def sheet_rows(session, language):
    """``[key, number, name, username, present, time, late, left early]`` for each member (two queries)."""
    present = {row.user_id: row for row in Attendance.objects.filter(session=session)}
    members = (
        ClassMember.objects.filter(klass_id=session.klass_id)
        .select_related("user")
        .order_by("user__display_name", "user__username")
    )
    rows = []
    for number, member in enumerate(members, start=1):
        here = present.get(member.user_id)
        rows.append(
            [
                member.user_id,
                number,
                member.user.get_full_name(),
                member.user.username,
                here is not None,
                timezone.localtime(here.checked_in_at).strftime("%H:%M") if here else "",
                bool(here and here.late),
                bool(here and here.left_early),
            ]
        )
    return rows


def sheet_pdf(session):
    """The printable sign-in sheet of one session: Thai, Buddhist-era date, a signature line per learner."""
    klass = session.klass
    with override("th"):
        context = {
            "session": session,
            "klass": klass,
            "courses": [course.title for course in klass.courses.order_by("path")],
            "date": format_date(session.date, "th"),
            "rows": sheet_rows(session, "th"),
        }
        html = render_to_string("reports/attendance_sheet.html", context)
    fetcher = LocalFetcher()
    font_config = FontConfiguration()
    fonts = CSS(string=font_css(), font_config=font_config, url_fetcher=fetcher)
    document = HTML(string=html, base_url=Path(settings.BASE_DIR).resolve().as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[fonts], font_config=font_config)
