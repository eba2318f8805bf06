"""Audio of a page read aloud on the server, for devices without a voice for the page's language."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class AudioStorage(FileSystemStorage):
    """Files under ``READ_ALOUD_ROOT`` (read at each use): outside MEDIA_ROOT, so only the permission-checked
    view serves them."""

    @property
    def base_location(self):
        return str(settings.READ_ALOUD_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def deconstruct(self):
        return ("readaloud.models.AudioStorage", (), {})


audio_storage = AudioStorage()


def audio_path(instance, filename):
    return f"{instance.page_id}/{filename}"


class LessonAudio(models.Model):
    """One part of a page (a lesson, or one quiz question) read aloud, for one published revision.

    Keyed by page (so by language: each translation is its own page), revision and part. Made by the task
    ``readaloud.tasks.make_audio`` when the page is published; rows of older revisions are then deleted.
    """

    class Status(models.TextChoices):
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    part = models.SlugField(_("part"), max_length=64)
    language = models.CharField(_("language"), max_length=16)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.READY)
    file = models.FileField(_("file"), storage=audio_storage, upload_to=audio_path, blank=True)
    sentences = models.JSONField(_("sentences"), default=list)
    timings = models.JSONField(_("sentence start times (seconds)"), default=list)
    duration = models.FloatField(_("duration (seconds)"), default=0)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    seconds_to_make = models.FloatField(_("seconds to make"), default=0)
    error = models.TextField(_("error"), blank=True)
    made_at = models.DateTimeField(_("made at"), auto_now=True)

    class Meta:
        verbose_name = _("read-aloud audio")
        verbose_name_plural = _("read-aloud audio")
        constraints = [
            models.UniqueConstraint(fields=["page", "revision", "part"], name="unique_readaloud_page_revision_part")
        ]

    def __str__(self):
        return f"{self.page_id} r{self.revision_id} {self.part} ({self.language})"

    @property
    def url(self):
        from django.urls import reverse

        return reverse(
            "readaloud:audio", kwargs={"page_id": self.page_id, "revision_id": self.revision_id, "part": self.part}
        )
