"""CSV and XLSX downloads of every report and of the learner list.

Both formats are safe to open in a spreadsheet: a text cell starting with ``= + - @``, a tab or a carriage
return gets a leading apostrophe so it is shown as text, never run as a formula. CSV is UTF-8 with a byte
order mark (Excel then reads Thai correctly) and is streamed row by row; XLSX is written with openpyxl's
write-only workbook to a temporary file.
"""

import csv
import datetime
import re
import tempfile
from dataclasses import dataclass
from urllib.parse import quote

from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lms.dates import format_date, format_month
from lms.spreadsheets import neutralise

from . import services

CSV_BATCH = 500
EXPORT_CHUNK = 2000


@dataclass
class Table:
    """A report as rows: ``headers`` are strings, ``rows`` an iterable of lists (may be a generator)."""

    name: str
    title: str
    headers: list
    rows: object


def cell_value(value, language):
    """What goes into a cell: numbers stay numbers, dates in the one date format, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date):
        return format_date(value, language)
    if isinstance(value, int | float):
        return value
    return neutralise(str(value))


class _Echo:
    def write(self, value):
        return value


def csv_response(table, filename, language):
    """A streamed CSV download (UTF-8 with BOM) that never holds the whole report in memory."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(table.headers)
        batch = []
        for row in table.rows:
            batch.append(writer.writerow([cell_value(value, language) for value in row]))
            if len(batch) >= CSV_BATCH:
                yield "".join(batch)
                batch = []
        if batch:
            yield "".join(batch)

    response = StreamingHttpResponse((line.encode("utf-8") for line in lines()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment(filename + ".csv")
    response["Cache-Control"] = "no-store"
    return response


def xlsx_response(table, filename, language):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(table.title))
    sheet.append(table.headers)
    for row in table.rows:
        values = [cell_value(value, language) for value in row]
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value for value in values])
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename + ".xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Cache-Control"] = "no-store"
    return response


def _attachment(filename):
    return f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"


def _sheet_title(title):
    return re.sub(r"[\[\]:*?/\\]", " ", str(title))[:31] or "Report"


def export_filename(name, f):
    scope = f.centre.code if f.centre is not None else ("province" if f.province else "national")
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", f"report-{name}-{scope}-{f.month_from:%Y%m}-{f.month_to:%Y%m}")


def _rate(value):
    return "" if value is None else value


def summary_table(f, language):
    figures = services.summary(f)
    rows = [
        [_("Learners"), figures["learners"]],
        [_("Active learners (last 30 days)"), figures["active"]],
        [_("Enrolments"), figures["enrolments"]],
        [_("Completions"), figures["completions"]],
        [_("Completion rate (%)"), _rate(figures["completion_rate"])],
        [_("Certificates issued"), _rate(figures["certificates"])],
        [_("Quiz attempts"), _rate(figures["quiz_attempts"])],
        [_("Quiz pass rate (%)"), _rate(figures["pass_rate"])],
    ]
    return Table("summary", _("Summary"), [_("Figure"), _("Value")], rows)


def courses_table(f, language):
    rows = [
        [
            row["title"],
            row["enrolments"],
            row["completions"],
            _rate(row["completion_rate"]),
            row["active"],
            _rate(row["certificates"]),
            _rate(row["quiz_attempts"]),
            _rate(row["pass_rate"]),
        ]
        for row in services.course_rows(f, language)
    ]
    headers = [
        _("Course"),
        _("Enrolments"),
        _("Completions"),
        _("Completion rate (%)"),
        _("Active learners (last 30 days)"),
        _("Certificates issued"),
        _("Quiz attempts"),
        _("Quiz pass rate (%)"),
    ]
    return Table("courses", _("Courses"), headers, rows)


def monthly_table(f, language):
    data = services.monthly(f)
    headers = [_("Month"), _("Enrolments"), _("Completions")]
    headers.append(_("Certificates issued"))
    rows = [
        [
            format_month(month, language),
            data["enrolments"][index],
            data["completions"][index],
            data["certificates"][index],
        ]
        for index, month in enumerate(data["months"])
    ]
    return Table("monthly", _("Month by month"), headers, rows)


CENTRE_FIGURES = ("learners", "active", "enrolments", "completions", "completion_rate", "certificates", "pass_rate")


def _figure_headers():
    return [
        _("Learners"),
        _("Active learners (last 30 days)"),
        _("Enrolments"),
        _("Completions"),
        _("Completion rate (%)"),
        _("Certificates issued"),
        _("Quiz pass rate (%)"),
    ]


def provinces_table(f, language):
    rows = [
        [row["province"], row["centres"], *(_rate(row[name]) for name in CENTRE_FIGURES)]
        for row in services.province_rows(services.centre_rows(f))
    ]
    return Table("provinces", _("Provinces"), [_("Province"), _("Centres"), *_figure_headers()], rows)


def centres_table(f, language):
    name_key = "name_en" if language.startswith("en") else "name_th"
    rows = [
        [
            row["rank"],
            row["centre"]["code"],
            row["centre"][name_key] or row["centre"]["name_th"],
            row["centre"]["province"],
            *(_rate(row[name]) for name in CENTRE_FIGURES),
        ]
        for row in services.ranking(services.centre_rows(f))
    ]
    headers = [_("Rank"), _("Centre code"), _("Centre"), _("Province"), *_figure_headers()]
    return Table("centres", _("Centre ranking"), headers, rows)


def learners_table(f, language, query=""):
    """Every matching learner with progress per course; progress is fetched per chunk, not per learner."""
    courses = list(services.source_courses())
    titles = services.course_titles(courses, language)
    lessons = services.live_lessons(courses)
    totals = {course: len(pks) for course, pks in lessons.items()}
    headers = [_("Name"), _("Username"), _("Mobile number"), _("Centre code"), _("Joined"), _("Last sign-in")]
    for course in courses:
        headers.append(
            _("%(course)s: lessons done (of %(total)s)") % {"course": titles[course.pk], "total": totals[course.pk]}
        )
        headers.append(_("%(course)s: completed on") % {"course": titles[course.pk]})
    users = services.learner_list(f, query).values_list(
        "pk", "display_name", "username", "mobile", "home_centre__code", "date_joined", "last_login"
    )

    def rows():
        chunk = []
        for user in users.iterator(chunk_size=EXPORT_CHUNK):
            chunk.append(user)
            if len(chunk) >= EXPORT_CHUNK:
                yield from _learner_rows(chunk, courses, lessons)
                chunk = []
        if chunk:
            yield from _learner_rows(chunk, courses, lessons)

    return Table("learners", _("Learners"), headers, rows())


def _learner_rows(chunk, courses, lessons):
    progress = services.learner_progress([user[0] for user in chunk], courses, lessons)
    for pk, display_name, username, mobile, centre_code, joined, last_login in chunk:
        row = [display_name, username, mobile or "", centre_code or "", joined, last_login]
        mine = progress.get(pk, {})
        for course in courses:
            entry = mine.get(course.pk)
            row.append(entry["done"] if entry else None)
            row.append(entry["completed_at"] if entry else None)
        yield row


def attendance_table(f, language):
    """Class attendance (``reports.attendance``, which builds on ``Table`` and so is imported here, late)."""
    from .attendance import attendance_table as table

    return table(f, language)


REPORTS = {
    "summary": summary_table,
    "courses": courses_table,
    "monthly": monthly_table,
    "provinces": provinces_table,
    "centres": centres_table,
    "attendance": attendance_table,
}
FORMATS = {"csv": csv_response, "xlsx": xlsx_response}
