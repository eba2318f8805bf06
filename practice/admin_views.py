"""Trainer statistics in the Wagtail admin. Only users who may edit a practice page see its statistics."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import services
from .models import PracticePage


def editable_practices(user):
    """Practice pages ``user`` may edit, with run and completion counts from the database."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return (
        PracticePage.objects.filter(pk__in=editable.values("pk"))
        .annotate(
            run_count=Count("runs", distinct=True),
            finished=Count("runs", filter=Q(runs__completed=True), distinct=True),
            done=Count("completions", distinct=True),
        )
        .select_related("locale")
        .order_by("path")
    )


def index(request):
    """Every practice page the user may edit, with runs started and finished and learners done."""
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
    """For each activity: runs, and how often learners took each choice at each step (all languages together)."""
    page = get_object_or_404(PracticePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return render(
        request,
        "practice/admin/statistics.html",
        {
            "page": page,
            "stats": services.statistics(PracticePage.objects.source_of(page), page),
            "page_title": _("Practice statistics"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "mobile-alt",
        },
    )
