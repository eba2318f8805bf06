"""What starts a new page-cache generation: any change an anonymous reader could see on a cached page."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import services

# Models (besides pages) whose rows show on home, catalogue, course or lesson pages.
SHOWN_MODELS = (
    "lessons.Topic",
    "readaloud.LessonAudio",
    "wagtailimages.Image",
    "wagtailcore.Site",
    "wagtailcore.Locale",
)


def invalidate(**kwargs):
    """New generation now, and again when the transaction commits: a reader who rendered the page from the
    not-yet-committed state in between cannot keep it under the new generation."""
    if not services.enabled():
        return
    services.bump()
    transaction.on_commit(services.bump)


def page_saved(sender, instance, created, **kwargs):
    """A page created live (published ones are covered by ``page_published``); drafts change nothing shown."""
    if created and isinstance(instance, Page) and instance.live:
        invalidate()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate()


def connect():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"pagecache-{id(signal)}")
    post_save.connect(page_saved, dispatch_uid="pagecache-page-saved")
    post_delete.connect(page_deleted, dispatch_uid="pagecache-page-deleted")
    for label in SHOWN_MODELS:
        model = apps.get_model(label)
        post_save.connect(invalidate, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"pagecache-delete-{label}")
