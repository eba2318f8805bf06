from wagtail import hooks

from lessons import hooks as lesson_hooks
from lessons.admin_statistics import register_statistics

from . import services
from .admin_views import QuizStatistics

register_statistics(QuizStatistics())


# Seams of lessons (lessons/hooks.py): required quizzes count towards completion; quizzes show in the outline.
hooks.register(lesson_hooks.COMPLETION_CHECK, services.required_quizzes_passed)
hooks.register(lesson_hooks.OUTLINE_STATUSES, services.outline_statuses)
