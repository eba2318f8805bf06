"""Serve read-aloud audio with the same visibility as its page."""

import re

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import LessonAudio

CONTENT_TYPE = "audio/ogg; codecs=opus"
RANGE = re.compile(r"^bytes=(\d{0,15})-(\d{0,15})$")


def may_listen(request, page):
    """Who may fetch a page's audio: whoever may read the page — it is live, and every view restriction
    on it or its ancestors (sign-in, groups, password) accepts the request, as Wagtail's page serving checks."""
    if not page.live:
        return False
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


@require_safe
def audio(request, page_id, revision_id, part):
    """``/read-aloud/<page>/<revision>/<part>.opus``: the audio of a live page's current revision.

    404 for an unknown, unpublished or outdated one; 403 when the page is private to others. Supports one
    byte range (phones' media players seek with ranges).
    """
    found = (
        LessonAudio.objects.select_related("page")
        .filter(page_id=page_id, revision_id=revision_id, part=part, status=LessonAudio.Status.READY)
        .first()
    )
    if found is None or found.page.live_revision_id != revision_id or not found.page.live:
        raise Http404(_("There is no audio for this page."))
    if not may_listen(request, found.page):
        return HttpResponse(_("This page is private."), status=403, content_type="text/plain; charset=utf-8")
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("There is no audio for this page.")) from error
    size = found.file.size
    restricted = bool(found.page.get_view_restrictions())
    cache = "private, max-age=86400" if restricted else "public, max-age=86400"
    match = RANGE.match(request.headers.get("Range", ""))
    if match and (match.group(1) or match.group(2)):
        start, end = match.groups()
        if start:
            start, end = int(start), min(int(end) if end else size - 1, size - 1)
        else:  # the last N bytes
            start, end = max(size - int(end), 0), size - 1
        if start > end or start >= size:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        handle.seek(start)
        data = handle.read(end - start + 1)
        handle.close()
        response = HttpResponse(data, status=206, content_type=CONTENT_TYPE)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(handle, content_type=CONTENT_TYPE)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = cache
    return response
