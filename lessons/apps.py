from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "lessons"

    def ready(self):
        from learners.privacy import erasure_hooks

        from .services import anonymise_progress

        if anonymise_progress not in erasure_hooks:
            erasure_hooks.append(anonymise_progress)
