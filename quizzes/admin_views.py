"""Trainer statistics in the Wagtail admin. Only users who may edit a quiz page see its statistics."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import services
from .models import QuizPage


def editable_quizzes(user):
    """Quiz pages ``user`` may edit (trainers, staff, superusers), with attempt counts from the database."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return (
        QuizPage.objects.filter(pk__in=editable.values("pk"))
        .annotate(
            finished=Count("attempts", filter=Q(attempts__finished_at__isnull=False)),
            passed=Count("attempts", filter=Q(attempts__passed=True)),
        )
        .select_related("locale")
        .order_by("path")
    )


def index(request):
    """Every quiz the user may edit, with finished attempts and pass rate."""
    quizzes = list(editable_quizzes(request.user))
    for quiz in quizzes:
        quiz.pass_rate = round(100 * quiz.passed / quiz.finished) if quiz.finished else None
    return render(
        request,
        "quizzes/admin/index.html",
        {"quizzes": quizzes, "page_title": _("Quiz statistics"), "header_icon": "help"},
    )


def statistics(request, page_id):
    """Attempts, pass rate and each question's correct rate for one quiz (all languages together)."""
    page = get_object_or_404(QuizPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    quiz = QuizPage.objects.source_of(page)
    stats = services.statistics(quiz, page)
    stats["questions"].sort(key=lambda row: (row["correct_rate"] is None, row["correct_rate"] or 0))
    return render(
        request,
        "quizzes/admin/statistics.html",
        {
            "page": page,
            "stats": stats,
            "page_title": _("Quiz statistics"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "help",
        },
    )
