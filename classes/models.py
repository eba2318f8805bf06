"""Classes at a centre: members, sessions and attendance.

A class belongs to one centre, teaches one or more courses (their *source* pages, like progress) and has a
trainer. Learners join with the class's short join code or are added by staff. Each session has a date, a
time and a place; one ``Attendance`` row per learner and session (a database constraint).
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learners.models import Centre
from lms.fields import optional_fk

# No 0/O, 1/I/L: the code is read aloud and typed on a phone.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_join_code():
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class CentreClassPolicy(models.Model):
    """What the staff of a centre allow: whether trainers may create classes themselves."""

    centre = models.OneToOneField(Centre, on_delete=models.CASCADE, related_name="class_policy")
    trainers_may_create = models.BooleanField(_("trainers may create classes"), default=False)

    class Meta:
        verbose_name = _("class policy")
        verbose_name_plural = _("class policies")

    def __str__(self):
        return str(self.centre)


class Class(models.Model):
    """A class (ชั้นเรียน) at a centre."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="classes", verbose_name=_("centre"))
    name = models.CharField(_("name"), max_length=200)
    courses = models.ManyToManyField("lessons.CoursePage", related_name="+", verbose_name=_("courses"))
    trainer = optional_fk(settings.AUTH_USER_MODEL, related_name="classes_taught", verbose_name=_("trainer"))
    start_date = models.DateField(_("start date"))
    join_code = models.CharField(_("class code"), max_length=JOIN_CODE_LENGTH, unique=True, default=new_join_code)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = optional_fk(settings.AUTH_USER_MODEL)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["-start_date", "name"]
        indexes = [models.Index(fields=["centre", "start_date"])]

    def __str__(self):
        return self.name


class ClassMember(models.Model):
    """A learner in a class."""

    klass = models.ForeignKey(Class, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_memberships")
    joined_at = models.DateTimeField(auto_now_add=True)
    added_by = optional_fk(settings.AUTH_USER_MODEL)

    class Meta:
        verbose_name = _("class member")
        verbose_name_plural = _("class members")
        constraints = [models.UniqueConstraint(fields=["klass", "user"], name="one_membership_per_class")]

    def __str__(self):
        return f"{self.user} @ {self.klass}"


class Session(models.Model):
    """One meeting of a class (รอบเรียน): date, start and end time (centre local time), place."""

    klass = models.ForeignKey(Class, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("class"))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    minutes = models.PositiveIntegerField(_("length in minutes"), default=0, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time"]
        indexes = [models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")), name="session_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.klass} {self.date:%Y-%m-%d} {self.start_time:%H:%M}"

    def save(self, *args, **kwargs):
        """Keep ``minutes`` (end minus start) so reports can sum hours in SQL on any database."""
        self.minutes = max(
            0, (self.end_time.hour * 60 + self.end_time.minute) - (self.start_time.hour * 60 + self.start_time.minute)
        )
        super().save(*args, **kwargs)

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))


class Attendance(models.Model):
    """A learner was at a session: checked in with the code, or ticked on the roster by the trainer."""

    class Method(models.TextChoices):
        CODE = "code", _("Check-in code")
        ROSTER = "roster", _("Ticked by the trainer")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_attendance")
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    method = models.CharField(_("how"), max_length=10, choices=Method.choices, default=Method.CODE)
    late = models.BooleanField(_("arrived late"), default=False)
    left_early = models.BooleanField(_("left early"), default=False)
    recorded_by = optional_fk(settings.AUTH_USER_MODEL)

    class Meta:
        verbose_name = verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="one_attendance_per_session")]

    def __str__(self):
        return f"{self.user} @ {self.session}"
