"""Offline course packs: the web app manifest, the service worker, a course's pack, a quiz's questions
without answers, the "not saved" page and the sync endpoint. Permission rules are on each view."""

from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lessons.models import CoursePage
from lms.middleware import SHARED_SESSION_KEY
from quizzes.models import QuizPage

from . import packs, sync
from .questions import quiz_questions

THEME_COLOUR = "#0b5e8a"
ICON_SIZES = (192, 512)


def own_device(request):
    """Offline saving is for signed-in learners who did not tick "this is a shared computer"."""
    return request.user.is_authenticated and not request.session.get(SHARED_SESSION_KEY)


def _json_error(message, status):
    return JsonResponse({"error": str(message)}, status=status)


@require_GET
def manifest(request):
    """Public: the installable web app's manifest, in the reader's language."""
    language = get_language()
    icons = [
        {"src": static(f"offline/icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in ICON_SIZES
    ]
    icons.append(
        {
            "src": static("offline/icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    data = {
        "name": _("Community Digital Centre learning"),
        "short_name": _("CDC learning"),
        "description": _("Short lessons in digital skills for daily life and income."),
        "lang": language,
        "dir": "ltr",
        "id": "/",
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@require_GET
def service_worker(request):
    """Public: the service worker, served from the site root so its scope can be ``/``; it handles only
    learner pages (see the file). Never cached by the browser's HTTP cache, so an update is found at once."""
    context = {"store_js": static("offline/store.js")}
    response = render(request, "offline/sw.js", context, content_type="text/javascript; charset=utf-8")
    add_never_cache_headers(response)
    return response


@require_GET
def pack(request, course_id):
    """Signed-in learners on their own device: the URLs and sizes of a live course's pack (JSON).

    Anonymous: 403; a shared-computer session: 403; a course that is not live (or not a course): 404.
    ``?audio=1`` adds the pages' read-aloud audio.
    """
    if not request.user.is_authenticated:
        return _json_error(_("Please sign in to save courses on this device."), 403)
    if not own_device(request):
        return _json_error(_("Courses can only be saved on your own device, not on a shared computer."), 403)
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None or not packs.readable(request, course):
        return _json_error(_("This course is not available."), 404)
    with_audio = request.GET.get("audio") == "1"
    return JsonResponse(packs.build(request, course, with_audio), json_dumps_params={"ensure_ascii": False})


@require_GET
def quiz(request, page_id):
    """Public like the quiz itself: a live quiz's questions and options, never the correct ones."""
    page = QuizPage.objects.filter(pk=page_id).first()
    if page is None or not packs.readable(request, page):
        raise Http404
    return JsonResponse(quiz_questions(page), json_dumps_params={"ensure_ascii": False})


@require_GET
def unavailable(request):
    """Public: what a saved course shows offline for a page that was not saved."""
    return render(request, "offline/unavailable.html")


@require_http_methods(["GET", "POST"])
def sync_view(request):
    """Signed-in users, for themselves only (every action is recorded for ``request.user``; the payload names
    no user). GET gives a fresh CSRF token for the worker; POST applies each action once and answers with
    what was accepted and what was refused. Anonymous: 403; a malformed body: 400 with a message."""
    if not request.user.is_authenticated:
        return _json_error(_("Please sign in to send what you did offline."), 403)
    if request.method == "GET":
        response = JsonResponse({"csrf": get_token(request)})
        add_never_cache_headers(response)
        return response
    try:
        actions = sync.parse(request.body)
    except sync.PayloadError as error:
        return _json_error(error.message, 400)
    results = sync.receive_all(request, actions)
    accepted = sum(1 for result in results if result["status"] == "accepted")
    return JsonResponse(
        {"results": results, "accepted": accepted, "refused": len(results) - accepted},
        json_dumps_params={"ensure_ascii": False},
    )
