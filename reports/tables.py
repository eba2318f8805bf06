"""The reports' tables: one column list for each (the dashboard's month by month, courses, attendance, provinces
and centre ranking; the class sheet of first passwords), all rendered by ``reports/_figures_table.html``; the
dashboard's cards use the same columns (``reports/_cards.html``)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    """One column: the row key it shows (``a.b`` reaches into a nested dict), its heading and how to show it.

    ``kind``: ``count`` (a number), ``rate`` (a percentage or "–"), ``text``, ``code`` (a username or password
    to copy by hand, in a fixed-width font), or a row heading: ``title``,
    ``province`` (links to that province) or ``centre`` (links to that centre).
    """

    key: str
    label: str
    kind: str = "count"


LEARNERS = Column("learners", _("Learners"))
ACTIVE = Column("active", _("Active learners (last 30 days)"))
ENROLMENTS = Column("enrolments", _("Enrolments"))
COMPLETIONS = Column("completions", _("Completions"))
COMPLETION_RATE = Column("completion_rate", _("Completion rate"), "rate")
CERTIFICATES = Column("certificates", _("Certificates issued"))
QUIZ_ATTEMPTS = Column("quiz_attempts", _("Quiz attempts"))
PASS_RATE = Column("pass_rate", _("Quiz pass rate"), "rate")
MONTH = Column("label", _("Month"), "title")
SESSIONS = Column("sessions", _("Sessions held"))
ATTENDING = Column("learners", _("Learners attending"))
HOURS = Column("hours", _("Hours at the centre"))

SUMMARY = [LEARNERS, ACTIVE, ENROLMENTS, COMPLETIONS, CERTIFICATES, PASS_RATE]
MONTHLY = [MONTH, ENROLMENTS, COMPLETIONS, CERTIFICATES]
ATTENDANCE = [SESSIONS, ATTENDING, HOURS]
ATTENDANCE_MONTHLY = [MONTH, *ATTENDANCE]
# The printable sheet of a class's new accounts (reports.class_import.Account rows).
SHEET = [
    Column("display_name", _("Name"), "title"),
    Column("username", _("Username"), "code"),
    Column("password", _("First password"), "code"),
]
# The attendance table's first column, by what ``reports.attendance.figures`` groups the rows by.
ATTENDANCE_GROUPS = {
    "class": Column("name", _("Class"), "title"),
    "centre": Column("name", _("Centre"), "title"),
    "province": Column("name", _("Province"), "title"),
}

COURSES = [
    Column("title", _("Course"), "title"),
    ENROLMENTS,
    COMPLETIONS,
    COMPLETION_RATE,
    ACTIVE,
    CERTIFICATES,
    QUIZ_ATTEMPTS,
    PASS_RATE,
]
PEOPLE_AND_FIGURES = [LEARNERS, ACTIVE, ENROLMENTS, COMPLETIONS, COMPLETION_RATE, CERTIFICATES, PASS_RATE]
PROVINCES = [Column("province", _("Province"), "province"), Column("centres", _("Centres")), *PEOPLE_AND_FIGURES]
RANKING = [
    Column("rank", _("Rank"), "text"),
    Column("centre", _("Centre"), "centre"),
    Column("centre.province", _("Province"), "text"),
    *PEOPLE_AND_FIGURES,
]


def _value(row, key):
    for part in key.split("."):
        row = row.get(part) if row is not None else None
    return row


def cells(columns, row):
    """``[(column, value), ...]``: one row of a table, or the cards of ``reports/_cards.html``."""
    return [(column, _value(row, column.key)) for column in columns]


def table(columns, rows, empty="", caption="", css_class=""):
    """``{"columns", "rows": [cells, ...], "empty", "caption", "css_class"}`` for ``reports/_figures_table.html``;
    ``caption`` names the table for screen readers only, ``css_class`` is added to the table's classes."""
    return {
        "columns": columns,
        "rows": [cells(columns, row) for row in rows],
        "empty": empty,
        "caption": caption,
        "css_class": css_class,
    }
