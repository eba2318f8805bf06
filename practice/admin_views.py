"""Trainer statistics in the Wagtail admin. Only users who may edit a lesson see the statistics of its practice."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

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


def index(request):
    """Every lesson with practice the user may edit, with runs started and finished."""
    return render(
        request,
        "practice/admin/index.html",
        {
            "practices": editable_practices(request.user),
            "page_title": _("Practice statistics"),
            "header_icon": "mobile-alt",
        },
    )


def statistics(request, page_id):
    """For each practice block of a lesson: runs, and how often learners took each choice at each step (all
    languages together)."""
    page = get_object_or_404(LessonPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return render(
        request,
        "practice/admin/statistics.html",
        {
            "page": page,
            "stats": services.statistics(LessonPage.objects.source_of(page), page),
            "page_title": _("Practice statistics"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "mobile-alt",
        },
    )
