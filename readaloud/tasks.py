"""Background work (django-tasks, run by ``manage.py db_worker``)."""

from django_tasks import task
from wagtail.models import Page

from . import services


@task()
def make_audio(page_id, revision_id=None):
    """Make the read-aloud audio of a published page; returns how many parts are ready.

    A task queued for a revision that is no longer live does nothing: the newer publish queued its own.
    """
    page = Page.objects.filter(pk=page_id).first()
    if page is None or (revision_id is not None and page.live_revision_id != revision_id):
        return 0
    return sum(1 for audio in services.make_page_audio(page) if audio.status == audio.Status.READY)
