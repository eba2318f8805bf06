"""Report periods: whole months, the default twelve months, and what a report covers (``ReportFilter``)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from learners.models import Centre
from lessons.models import CoursePage

CHART_MONTHS = 12


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
