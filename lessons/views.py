from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from lms.inputs import safe_next

from . import hooks, services
from .models import CatalogPage


@require_POST
def mark_done(request, lesson):
    """Mark a live lesson as done — signed-in users, for themselves only (there is no other user to name).

    The lesson's sub-route (``LessonPage.mark_done``): Wagtail's routing reached a live lesson inside its
    live course, anything else is its 404. htmx gets ``_lesson_progress.html`` (new state and course bar)
    plus the outline as an out-of-band swap; a plain form post is redirected back. Idempotent: a double
    click or a second tab keeps one record. Anonymous visitors are sent to sign in.
    """
    course = lesson.get_parent().specific
    back = safe_next(request, lesson.get_url(request))  # the page the form was on, else the lesson
    if not request.user.is_authenticated:
        login_url = redirect_to_login(back).url
        if request.htmx:
            return HttpResponse(status=401, headers={"HX-Redirect": login_url})
        return HttpResponseRedirect(login_url)
    services.mark_done(request.user, lesson)
    if not request.htmx:
        return HttpResponseRedirect(back)
    context = {"page": lesson, "course": course, "outline": services.outline(request.user, course)}
    html = render_to_string("lessons/_lesson_progress.html", context, request)
    html += render_to_string("lessons/_outline.html", {**context, "oob": True}, request)
    return HttpResponse(html)


@require_GET
def my_learning(request):
    """ "My learning": the reader's own courses, progress bars and "continue where you left off".

    Anyone may open it: signed-in users see only their own enrolments, anonymous visitors an invitation
    to sign in. Higher apps add sections through the ``hooks.MY_LEARNING_EXTRAS`` hook.
    """
    language = get_language()
    items = services.my_learning(request.user, language, request) if request.user.is_authenticated else []
    catalog = CatalogPage.objects.live().filter(locale__language_code=language).order_by("path").first()
    context = {
        "items": items,
        "catalog_url": catalog.get_url(request) if catalog else None,
        "learning_extras": hooks.templates(hooks.MY_LEARNING_EXTRAS),
    }
    return render(request, "lessons/my_learning.html", context)
