"""The dashboard's figure tables (courses, provinces, centre ranking): one column list each, all rendered by
``reports/_figures_table.html``."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    """One column: the row key it shows (``a.b`` reaches into a nested dict), its heading and how to show it.

    ``kind``: ``count`` (a number), ``rate`` (a percentage or "–"), ``text``, or a row heading: ``title``,
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


def table(columns, rows, empty=""):
    """``{"columns", "rows": [[(column, value), ...]], "empty"}`` for ``reports/_figures_table.html``."""
    return {
        "columns": columns,
        "rows": [[(column, _value(row, column.key)) for column in columns] for row in rows],
        "empty": empty,
    }
