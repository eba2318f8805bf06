from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "lessons"

    def ready(self):
        from learners.hooks import learner_erasing

        from .services import anonymise_progress

        learner_erasing.connect(anonymise_progress)
