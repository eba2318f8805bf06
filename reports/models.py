"""Figures the dashboards read: monthly counts per centre and course, rebuilt from the raw tables.

Counting 500,000 enrolments and attempts on every page view is too slow at national size, so
``services.refresh_figures`` rebuilds these small tables (a background task, queued when a dashboard finds
them older than ``REFRESH_AFTER``); dashboards read only them and say how old they are. ``AccountBatch``
records each "create accounts for a class" submission.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learners.models import Centre
from lessons.models import CoursePage
from lms.fields import optional_fk
from lms.jobs import JobStatusMixin


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
        verbose_name = verbose_name_plural = _("monthly figures")
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
        verbose_name = verbose_name_plural = _("centre figures")
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


class AccountBatch(JobStatusMixin, models.Model):
    """One "create accounts for a class" submission, so a double click or a resent form creates nothing twice.

    ``key`` comes from the form (one per form shown) and is unique: a second submission with the same key
    finds this row and shows the same sheet. ``sheet`` is the printable sheet (names, usernames, first
    passwords), encrypted with a key derived from ``SECRET_KEY`` and cleared once ``SHEET_KEPT`` has passed.
    The accounts are created by a background task from the sheet; ``status`` and ``done`` (passwords hashed so
    far) are its progress, which the sheet's page shows until they exist.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Creating the accounts")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Nothing was created")

    key = models.UUIDField(unique=True)
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    klass = optional_fk("classes.Class")
    created_by = optional_fk(settings.AUTH_USER_MODEL, blank=False)
    created_at = models.DateTimeField(default=timezone.now)
    count = models.PositiveIntegerField(default=0)
    encoding = models.CharField(max_length=20, blank=True)
    sheet = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    done = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("class accounts")

    def __str__(self):
        return f"{self.centre_id} · {self.count} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self):
        return 100 if self.status == self.Status.DONE else round(100 * self.done / self.count) if self.count else 0
