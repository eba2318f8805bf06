from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PracticeRun(models.Model):
    """One go at one practice block of a lesson by a signed-in learner. ``lesson`` is the lesson's source page and
    ``activity_key`` the block's id.

    ``finished_at`` closes the run (at its end, or when the learner starts again); ``completed`` says it
    reached its end.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_runs")
    lesson = models.ForeignKey("lessons.LessonPage", on_delete=models.CASCADE, related_name="practice_runs")
    activity_key = models.CharField(_("activity key"), max_length=64)
    kind = models.CharField(_("kind"), max_length=20)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    completed = models.BooleanField(_("completed"), default=False)
    right = models.PositiveSmallIntegerField(_("safe or right choices"), default=0)
    total = models.PositiveSmallIntegerField(_("choices"), default=0)

    class Meta:
        verbose_name = _("practice run")
        verbose_name_plural = _("practice runs")
        indexes = [
            models.Index(fields=["user", "lesson"], name="practice_run_user_lesson"),
            models.Index(fields=["lesson", "activity_key"], name="practice_run_lesson_key"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "activity_key"],
                condition=Q(finished_at__isnull=True),
                name="one_open_practice_run_per_block",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson_id} · {self.activity_key}"

    @property
    def finished(self):
        return self.completed


class PracticeChoice(models.Model):
    """One choice in a run: a step's choice, an item's verdict and reason, a field's decision or a price.

    Only choices are kept: nothing a learner types into a fake form ever reaches the server.
    """

    run = models.ForeignKey(PracticeRun, on_delete=models.CASCADE, related_name="choices")
    step_key = models.CharField(_("step key"), max_length=80)
    choice = models.CharField(_("choice"), max_length=80)
    reason = models.CharField(_("reason"), max_length=64, blank=True)
    right = models.BooleanField(_("safe or right"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("practice choice")
        verbose_name_plural = _("practice choices")
        constraints = [models.UniqueConstraint(fields=["run", "step_key"], name="one_choice_per_step_per_run")]

    def __str__(self):
        return f"{self.run_id}:{self.step_key}={self.choice}"
