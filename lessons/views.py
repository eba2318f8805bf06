from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms.inputs import safe_next

from . import services
from .models import CatalogPage, CoursePage, LessonPage


@require_POST
def mark_done(request, course_id, lesson_id):
    """Mark a lesson as done — signed-in users, for themselves only (there is no other user to name).

    The lesson must be a live lesson directly inside the live course in the URL, else a translated 404.
    htmx gets ``_lesson_progress.html`` (new state and course bar) plus the outline as an out-of-band swap;
    a plain form post is redirected back. Idempotent: a double click or a second tab keeps one record.
    Anonymous visitors are sent to sign in.
    """
    course = CoursePage.objects.live().filter(pk=course_id).first()
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if course is None:
        message = _("This course does not exist or is not published.")
    elif lesson is None:
        message = _("This lesson does not exist or is not published.")
    elif lesson.depth != course.depth + 1 or not lesson.path.startswith(course.path):
        message = _("This lesson is not part of this course.")
    else:
        message = None
    if message:
        return render(request, "lessons/progress_error.html", {"message": message}, status=404)
    lesson._cached_parent_obj = course
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
    to sign in. Higher apps add sections through ``services.my_learning_extras``.
    """
    language = get_language()
    items = services.my_learning(request.user, language, request) if request.user.is_authenticated else []
    catalog = CatalogPage.objects.live().filter(locale__language_code=language).order_by("path").first()
    context = {
        "items": items,
        "catalog_url": catalog.get_url(request) if catalog else None,
        "learning_extras": services.my_learning_extras,
    }
    return render(request, "lessons/my_learning.html", context)
