"""Doing a practice block of a lesson. Anyone who may read a published lesson may practise in it: signed-in
learners' runs are recorded; anonymous visitors practise in their session. Each request acts only on the
requester's own run (``services.run_for``), so there is no run id to tamper with."""

from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.decorators.http import require_POST

from . import services
from .services import PracticeError


def _respond(request, template, context, status=200):
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    add_never_cache_headers(response)
    return response


def _anchor(page, activity_key):
    return f"{page.url}#activity-{activity_key}"  # without the request: no per-request Site lookup


def _error(request, page, source, activity, error):
    """The block as it stands with the message on top (htmx), the whole lesson with it (plain post), or a bare
    message page when there is no such block."""
    if activity is None:
        return _respond(request, "practice/error.html", {"error": error.message, "page": page}, status=error.status)
    if request.htmx:
        context = services.state_of(request, page, source, activity, error=error.message)
        return _respond(request, "practice/_activity.html", context, status=error.status)
    request.practice_error = (activity.key, error.message)
    response = page.serve(request)
    response.render()
    response.status_code = error.status
    patch_vary_headers(response, ["HX-Request"])
    add_never_cache_headers(response)
    return response


def _run_action(request, page_id, activity_key, action):
    page = source = activity = None
    try:
        page, source = services.live_practice(page_id)
        activity = services.activity_of(source, activity_key)
        run = services.run_for(request, source, activity)
        finished = action(run, activity)
    except PracticeError as error:
        return _error(request, page, source, activity, error)
    if finished and request.user.is_authenticated:
        services.record_completion(request.user, source)
    if not request.htmx:
        return redirect(_anchor(page, activity.key))
    return _respond(request, "practice/_activity.html", services.state_of(request, page, source, activity))


@require_POST
def act(request, page_id, activity_key):
    """One choice (a step, an item, a whole form or a set of prices): the fragment for htmx, else PRG."""
    return _run_action(request, page_id, activity_key, lambda run, activity: services.act(run, activity, request.POST))


@require_POST
def again(request, page_id, activity_key):
    """Start the activity again (the finished or abandoned run stays in the statistics)."""

    def restart(run, activity):
        run.restart()
        return False

    return _run_action(request, page_id, activity_key, restart)
