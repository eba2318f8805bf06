"""A course pack: every URL a saved course needs offline, with its size, before anything is downloaded.

The pages (course, lessons, quizzes) in the course's own language, each quiz's questions without answers,
the "not saved" page, and the CSS, JavaScript, fonts and phone-size image renditions those pages use. The
assets are found in the pages themselves (rendered once per revision for an anonymous reader, cached), so a
script or font added to the base template later is saved too. Sizes of pages are those anonymous renders:
the learner's own copy differs by a few bytes (their name, the "mark as done" form).
"""

import hashlib
import json
import os
import re
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from lessons.models import CoursePage, LessonPage
from quizzes.models import QuizPage

from .questions import quiz_questions

PHONE_WIDTH = 480  # the largest rendition saved for a phone; the worker serves it for larger ones offline
SAVED_TYPES = (LessonPage, QuizPage)
ASSET = re.compile(r"""(?:src|href)="(/static/[^"?#]+)\"""")
SRCSET = re.compile(r'srcset="([^"]+)"')
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
CACHE_SECONDS = 24 * 3600


def live_in_site(page):
    """True when ``page`` and every ancestor below the tree root are live (what Wagtail's routing needs)."""
    if not page.live:
        return False
    return not Page.objects.ancestor_of(page).filter(depth__gt=1, live=False).exists()


def readable(request, page):
    """Live, and every view restriction on it or its ancestors (sign-in, groups, password) lets ``request`` in,
    as Wagtail's own page serving checks."""
    return live_in_site(page) and all(r.accept_request(request) for r in page.get_view_restrictions())


def saved_pages(course, request):
    """The course page and the live lessons and quizzes ``request`` may read, in outline order."""
    children = course.get_children().live().specific().order_by("path")
    return [course] + [
        page
        for page in children
        if isinstance(page, SAVED_TYPES) and all(r.accept_request(request) for r in page.get_view_restrictions())
    ]


def revision(pages):
    """One id for the published state of these pages: changes when any is republished, added or removed."""
    state = ",".join(f"{page.pk}:{page.live_revision_id}" for page in pages)
    return hashlib.sha1(state.encode()).hexdigest()[:16]


def _static_path(url):
    name = url[len(settings.STATIC_URL) :]
    found = finders.find(name)
    if found:
        return found
    try:
        path = staticfiles_storage.path(name)
    except NotImplementedError:
        return None
    return path if os.path.exists(path) else None


def _media_size(url):
    name = url[len(settings.MEDIA_URL) :]
    try:
        return default_storage.size(name)
    except (OSError, NotImplementedError):
        return None


def _phone_image(srcset):
    """The phone-size candidate of a ``srcset``: the widest at most ``PHONE_WIDTH``, else the narrowest."""
    candidates = []
    for part in srcset.split(","):
        bits = part.split()
        if len(bits) == 2 and bits[1].endswith("w") and bits[1][:-1].isdigit():
            candidates.append((int(bits[1][:-1]), bits[0]))
    if not candidates:
        return None
    small = [c for c in candidates if c[0] <= PHONE_WIDTH]
    return max(small)[1] if small else min(candidates)[1]


def assets_of(html):
    """Same-site static files and phone-size images a page uses, plus what its stylesheets load (fonts)."""
    found = set(ASSET.findall(html))
    for srcset in SRCSET.findall(html):
        image = _phone_image(srcset.replace("&amp;", "&"))
        if image and image.startswith(settings.MEDIA_URL):
            found.add(image)
    for url in [u for u in found if u.endswith(".css")]:
        path = _static_path(url)
        if path:
            with open(path, encoding="utf-8") as fh:
                for ref in CSS_URL.findall(fh.read()):
                    if not ref.startswith(("data:", "http:", "https:", "//", "#")):
                        found.add(urljoin(url, ref).split("?")[0].split("#")[0])
    return found


def _anonymous_request(request, url):
    fake = RequestFactory().get(url, HTTP_HOST=request.get_host(), secure=request.is_secure())
    fake.user = AnonymousUser()
    fake.session = SessionBase()
    return fake


def _render_page(request, page, url):
    """``(bytes, assets)`` of ``page`` as an anonymous reader gets it (cached per revision and language)."""
    key = f"offline:page:{page.pk}:{page.live_revision_id}:{translation.get_language()}:{url}"
    cached = cache.get(key)
    if cached is None:
        fake = _anonymous_request(request, url)
        response = page.serve(fake)
        if hasattr(response, "render"):
            response.render()
        html = response.content.decode("utf-8")
        cached = {"bytes": len(response.content), "assets": sorted(assets_of(html))}
        cache.set(key, cached, CACHE_SECONDS)
    return cached["bytes"], cached["assets"]


def _asset_size(url):
    if url.startswith(settings.STATIC_URL):
        path = _static_path(url)
        return os.path.getsize(path) if path else None
    return _media_size(url)


def _audio_entries(pages, rev):
    """The ready read-aloud audio of these pages' live revisions (lesson and quiz questions), as pack entries."""
    from readaloud.models import LessonAudio

    rows = LessonAudio.objects.filter(status=LessonAudio.Status.READY, page_id__in=[page.pk for page in pages])
    live = {page.pk: page.live_revision_id for page in pages}
    return [
        {"url": row.url, "bytes": row.size, "rev": rev, "kind": "audio", "page": row.page_id}
        for row in rows.order_by("page_id", "part")
        if row.revision_id == live.get(row.page_id) and row.size
    ]


def build(request, course, with_audio=False):
    """The pack of ``course`` (a live ``CoursePage`` in the language it is saved in) as a JSON-ready dict.

    ``audio_bytes`` always tells what the pages' read-aloud audio would add; ``with_audio`` puts it in the pack
    (it is several times the size of the text, so the learner chooses).
    """
    language = course.locale.language_code
    with translation.override(language):
        pages = saved_pages(course, request)
        rev = revision(pages)
        entries, assets = [], set()
        for page in pages:
            url = page.get_url(request)
            size, used = _render_page(request, page, url)
            assets.update(used)
            kind = "course" if isinstance(page, CoursePage) else "lesson" if isinstance(page, LessonPage) else "quiz"
            entries.append({"url": url, "bytes": size, "rev": rev, "kind": kind, "page": page.pk, "title": page.title})
            if isinstance(page, QuizPage):
                questions_url = reverse("offline:quiz", args=[page.pk])
                size = len(json.dumps(quiz_questions(page), ensure_ascii=False).encode())
                entries.append({"url": questions_url, "bytes": size, "rev": rev, "kind": "questions", "page": page.pk})
        unavailable = reverse("offline:unavailable")
        size = len(render_to_string("offline/unavailable.html", {}, _anonymous_request(request, unavailable)).encode())
        entries.append({"url": unavailable, "bytes": size, "rev": rev, "kind": "other"})
        for url in sorted(assets):
            size = _asset_size(url)
            if size is not None:
                entries.append({"url": url, "bytes": size, "rev": "", "kind": "asset"})
        audio = _audio_entries(pages, rev)
        if with_audio:
            entries.extend(audio)
        return {
            "key": str(course.pk),
            "course": course.pk,
            "title": course.title,
            "url": course.get_url(request),
            "language": language,
            "revision": rev,
            "bytes": sum(entry["bytes"] for entry in entries),
            "audio": with_audio,
            "audio_bytes": sum(entry["bytes"] for entry in audio),
            "entries": entries,
            "sync": reverse("offline:sync"),
        }
