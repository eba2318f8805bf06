"""Start a quiz and answer its questions: the quiz page's sub-routes (``QuizPage`` is a ``RoutablePageMixin``
page, so Wagtail's routing already found a live quiz in its course). Anyone may take a published quiz:
signed-in learners' attempts are recorded; anonymous visitors practise in their session. Each answer is
checked against the requesting learner's own attempt (see ``services.attempt_for_request``)."""

from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from lms.inputs import parse_id

from . import services
from .forms import AnswerForm
from .services import QuizError

OUT_OF_DATE = _("This quiz form is out of date. Please reload the quiz and try again.")


def _respond(request, template, context, status=200):
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    add_never_cache_headers(response)
    return response


def _error(request, page, error):
    """The quiz as it stands with the error message on top."""
    context = services.page_state(request, page, attempt_id="", feedback_key="")
    context["error"] = error.message
    template = "quizzes/_state.html" if request.htmx else "quizzes/quiz_page.html"
    return _respond(request, template, context, status=error.status)


def _page_url(request, page, **params):
    url = page.get_url(request)
    return f"{url}?{urlencode(params)}" if params else url


@require_POST
def start(request, page):
    """Open (or resume) the learner's attempt; "try again" after a finished attempt starts a new one."""
    quiz = page.source
    try:
        attempt = services.start_attempt(request, quiz)
    except QuizError as error:
        return _error(request, page, error)
    if not request.htmx:
        return redirect(_page_url(request, page))
    context = services.page_state(request, page, attempt_id=attempt.pk or "", feedback_key="", source=quiz)
    return _respond(request, "quizzes/_state.html", context)


@require_POST
def answer(request, page):
    """Grade one answer: the feedback fragment for htmx, otherwise a redirect to the feedback page (PRG)."""
    try:
        form = AnswerForm(request.POST)
        if not form.is_valid():
            raise QuizError(OUT_OF_DATE)
        data = form.cleaned_data
        attempt = services.attempt_for_request(request, page, data["attempt"])
        result = services.grade(attempt, data["question"], data["option"])
    except QuizError as error:
        return _error(request, page, error)
    quiz = attempt.quiz
    if not request.htmx:
        params = {"feedback": result.question_key}
        if attempt.pk:
            params = {"attempt": attempt.pk, **params}
        return redirect(_page_url(request, page, **params))
    context = {"page": page, "quiz": quiz, "attempt": attempt, "total": result.total, "urls": page.action_urls(request)}
    context.update(
        services.feedback_context(
            page, quiz, attempt, result.question_key, result.chosen, result.correct, result.answered
        )
    )
    return _respond(request, "quizzes/_state.html", context)


@require_GET
def current(request, page):
    """The learner's current question or result as a fragment: htmx "next question" and "see my result".

    Same state as the quiz page itself (``services.page_state``); without htmx it redirects there.
    """
    if not request.htmx:
        attempt = parse_id(request.GET.get("attempt"))
        return redirect(_page_url(request, page, attempt=attempt) if attempt else _page_url(request, page))
    return _respond(request, "quizzes/_state.html", services.page_state(request, page, source=page.source))
