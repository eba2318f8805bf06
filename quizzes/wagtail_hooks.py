from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lessons import hooks as lesson_hooks
from lessons.admin_statistics import register_statistics

from . import admin_views, services
from .models import QuizPage

QuizStatisticsButton = register_statistics(
    prefix="quizzes",
    views=admin_views,
    label=_("Quiz statistics"),
    icon_name="help",
    menu_name="quiz-statistics",
    order=700,
    shows=lambda page: page.specific_class is QuizPage,
    priority=45,
)


# Seams of lessons (lessons/hooks.py): required quizzes count towards completion; quizzes show in the outline.
hooks.register(lesson_hooks.COMPLETION_CHECK, services.required_quizzes_passed)
hooks.register(lesson_hooks.OUTLINE_STATUSES, services.outline_statuses)
