"""Trainer statistics in the Wagtail admin. Only users who may edit a lesson see the statistics of its practice."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from lessons.admin_statistics import Statistics
from lessons.models import LessonPage

from . import services
from .activities import activities_of


def editable_practices(user):
    """Lessons ``user`` may edit that hold practice blocks, with run counts from the database (runs are kept on
    the source lesson, so a translation shows zeros and the note under the table says so)."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    lessons = (
        LessonPage.objects.filter(pk__in=editable.values("pk"))
        .annotate(
            run_count=Count("practice_runs"),
            finished=Count("practice_runs", filter=Q(practice_runs__completed=True)),
            learners=Count("practice_runs__user", filter=Q(practice_runs__completed=True), distinct=True),
        )
        .select_related("locale")
        .order_by("path")
    )
    practices = []
    for lesson in lessons:
        lesson.practice_count = len(activities_of(lesson))
        if lesson.practice_count:
            practices.append(lesson)
    return practices


class PracticeStatistics(Statistics):
    """Per lesson: runs started and finished; per practice block: how often learners took each choice at each
    step."""

    prefix = "practice"
    page_model = LessonPage
    label = _("Practice statistics")
    icon_name = "mobile-alt"
    order = 710

    def index_context(self, user):
        return {"practices": editable_practices(user)}

    def page_stats(self, page):
        return services.statistics(LessonPage.objects.source_of(page), page)
