from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = _("Practice")

    def ready(self):
        from lessons import services as lesson_services

        from .services import outline_statuses, required_practices_done

        if required_practices_done not in lesson_services.completion_checks:
            lesson_services.completion_checks.append(required_practices_done)
        if outline_statuses not in lesson_services.outline_status_providers:
            lesson_services.outline_status_providers.append(outline_statuses)
