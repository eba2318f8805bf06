"""Figures the dashboards read: monthly counts per centre and course, rebuilt from the raw tables.

Counting 500,000 enrolments and attempts on every page view is too slow at national size, so
``services.refresh_figures`` rebuilds these small tables (a background task, queued when a dashboard finds
them older than ``REFRESH_AFTER``); dashboards read only them and say how old they are.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from learners.models import Centre
from lessons.models import CoursePage


class MonthlyFigures(models.Model):
    """Counts for one centre (None: learners without a centre), one course and one month (Thai time)."""

    centre = models.ForeignKey(Centre, null=True, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    enrolments = models.PositiveIntegerField(default=0)
    completions = models.PositiveIntegerField(default=0)
    certificates = models.PositiveIntegerField(default=0)
    quiz_attempts = models.PositiveIntegerField(default=0)
    quiz_passed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("monthly figures")
        verbose_name_plural = _("monthly figures")
        constraints = [models.UniqueConstraint(fields=["centre", "course", "month"], name="unique_monthly_figures")]
        indexes = [models.Index(fields=["month", "centre"])]

    def __str__(self):
        return f"{self.centre_id} · {self.course_id} · {self.month:%Y-%m}"


class CentreFigures(models.Model):
    """Learners and learners active in the last 30 days at one centre, for one course or (None) any course."""

    centre = models.ForeignKey(Centre, null=True, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, null=True, on_delete=models.CASCADE, related_name="+")
    learners = models.PositiveIntegerField(default=0)
    active = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("centre figures")
        verbose_name_plural = _("centre figures")
        constraints = [models.UniqueConstraint(fields=["centre", "course"], name="unique_centre_figures")]

    def __str__(self):
        return f"{self.centre_id} · {self.course_id}: {self.learners} / {self.active}"


class FiguresRefresh(models.Model):
    """When the figures were last rebuilt and last asked for (one row), so a rebuild is queued only once."""

    finished_at = models.DateTimeField(null=True)
    requested_at = models.DateTimeField(null=True)
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("figures refresh")

    def __str__(self):
        return f"{self.finished_at or '-'}"
