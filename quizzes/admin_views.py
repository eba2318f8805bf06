"""Trainer statistics in the Wagtail admin. Only users who may edit a quiz page see its statistics."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from lessons.admin_statistics import Statistics

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


class QuizStatistics(Statistics):
    """Per quiz: finished attempts and pass rate; per question: its correct rate, hardest first."""

    prefix = "quizzes"
    page_model = QuizPage
    label = _("Quiz statistics")
    icon_name = "help"
    order = 700

    def index_context(self, user):
        quizzes = list(editable_quizzes(user))
        for quiz in quizzes:
            quiz.pass_rate = round(100 * quiz.passed / quiz.finished) if quiz.finished else None
        return {"quizzes": quizzes}

    def page_stats(self, page):
        stats = services.statistics(QuizPage.objects.source_of(page), page)
        stats["questions"].sort(key=lambda row: (row["correct_rate"] is None, row["correct_rate"] or 0))
        return stats
