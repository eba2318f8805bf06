from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadAloudConfig(AppConfig):
    name = "readaloud"
    verbose_name = _("Read aloud")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published

        from .models import LessonAudio
        from .services import delete_file, on_page_published

        page_published.connect(on_page_published, dispatch_uid="readaloud.published")
        post_delete.connect(delete_file, sender=LessonAudio, dispatch_uid="readaloud.delete_file")
