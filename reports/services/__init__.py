"""Aggregation behind the dashboards, the learner list and the exports.

Attribution: a learner, their enrolments and quiz attempts count at the learner's home centre
(``User.home_centre``); a certificate counts at the centre printed on it (``Certificate.centre``).

* ``periods`` — whole months and ``ReportFilter`` (what a report covers).
* ``scope`` — learner accounts, source courses, quiz to course.
* ``figures`` — ``refresh_figures`` rebuilds the small ``MonthlyFigures`` / ``CentreFigures`` tables from the raw
  tables with ``GROUP BY`` queries (a background task, at most every ``REFRESH_AFTER``); Python only merges
  grouped rows, never one row per learner or per attempt.
* ``dashboard`` — read queries on those tables for the dashboards.
* ``learner_list`` — the learner list and its export read the raw tables directly, one page or chunk at a time.
"""

from .dashboard import centre_rows, course_rows, monthly, province_rows, provinces, ranking, summary
from .figures import ensure_fresh, last_refresh, refresh_figures
from .learner_list import learner_list, learner_progress, live_lessons, normalise_search
from .periods import ReportFilter, add_months, default_period, month_end, month_start
from .scope import course_titles, learners, quiz_courses, rate, source_courses

__all__ = [
    "ReportFilter",
    "add_months",
    "centre_rows",
    "course_rows",
    "course_titles",
    "default_period",
    "ensure_fresh",
    "last_refresh",
    "learner_list",
    "learner_progress",
    "learners",
    "live_lessons",
    "month_end",
    "month_start",
    "monthly",
    "normalise_search",
    "province_rows",
    "provinces",
    "quiz_courses",
    "rate",
    "refresh_figures",
    "ranking",
    "source_courses",
    "summary",
]
