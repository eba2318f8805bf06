from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from lessons.models import SourcePageManager
from lms.slugs import ReadableSlugMixin

from .activities import parse_activities
from .blocks import PracticeStreamBlock


class PracticePage(ReadableSlugMixin, Page):
    """Safe practice in a course: simulated messages, fakes to spot, prices and forms, with nothing at stake.

    A child page of a course, placed in the outline right after the lesson it practises (like a quiz).
    """

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Learners must finish every activity on this page to complete the course."),
    )
    activities = StreamField(PracticeStreamBlock(), verbose_name=_("activities"))

    objects = SourcePageManager()

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("required"), FieldPanel("activities")]
    parent_page_types = ["lessons.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    @cached_property
    def activity_list(self):
        return parse_activities(self.activities)

    @cached_property
    def activities_by_key(self):
        return {activity.key: activity for activity in self.activity_list}

    def get_template(self, request, *args, **kwargs):
        return "practice/practice_page.html"

    def serve(self, request, *args, **kwargs):
        """Depends on who asks and on their runs: never cached."""
        response = super().serve(request, *args, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        add_never_cache_headers(response)
        return response

    def get_context(self, request, *args, **kwargs):
        from .services import page_state

        context = super().get_context(request, *args, **kwargs)
        context.update(page_state(request, self, preview=getattr(request, "is_preview", False)))
        return context


class PracticeRun(models.Model):
    """One go at one activity by a signed-in learner. ``page`` is the practice's source page.

    ``finished_at`` closes the run (at its end, or when the learner starts again); ``completed`` says it
    reached its end.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_runs")
    page = models.ForeignKey(PracticePage, on_delete=models.CASCADE, related_name="runs")
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
        indexes = [models.Index(fields=["user", "page"]), models.Index(fields=["page", "activity_key"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "activity_key"],
                condition=Q(finished_at__isnull=True),
                name="one_open_practice_run_per_activity",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.page} · {self.activity_key}"

    @property
    def finished(self):
        return self.completed


class PracticeCompletion(models.Model):
    """A learner finished every activity of a practice page (source page) at least once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_completions")
    page = models.ForeignKey(PracticePage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("practice completion")
        verbose_name_plural = _("practice completions")
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="one_practice_completion_per_page")]

    def __str__(self):
        return f"{self.user} · {self.page}"


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
