from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from lessons import services as lesson_services

        from .services import outline_statuses, required_quizzes_passed

        if required_quizzes_passed not in lesson_services.completion_checks:
            lesson_services.completion_checks.append(required_quizzes_passed)
        if outline_statuses not in lesson_services.outline_status_providers:
            lesson_services.outline_status_providers.append(outline_statuses)
