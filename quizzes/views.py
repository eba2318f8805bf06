"""Start a quiz and answer its questions. Anyone may take a published quiz: signed-in learners' attempts
are recorded; anonymous visitors practise in their session. Each answer is checked against the requesting
learner's own attempt (see ``services.attempt_for_request``)."""

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
    """The quiz as it stands with the error message on top; a bare message when the quiz is not published."""
    if page is None:
        template = "quizzes/_state.html" if request.htmx else "quizzes/error.html"
        return _respond(request, template, {"state": "error", "error": error.message}, status=error.status)
    context = services.page_state(request, page, attempt_id="", feedback_key="")
    context["error"] = error.message
    template = "quizzes/_state.html" if request.htmx else "quizzes/quiz_page.html"
    return _respond(request, template, context, status=error.status)


def _page_url(page, **params):
    url = page.url  # without the request: no per-request Site lookup (one site; relative URL)
    return f"{url}?{urlencode(params)}" if params else url


@require_POST
def start(request, page_id):
    """Open (or resume) the learner's attempt; "try again" after a finished attempt starts a new one."""
    page = None
    try:
        page, quiz = services.live_quiz(page_id)
        attempt = services.start_attempt(request, quiz)
    except QuizError as error:
        return _error(request, page, error)
    if not request.htmx:
        return redirect(_page_url(page))
    context = services.page_state(request, page, attempt_id=attempt.pk or "", feedback_key="", source=quiz)
    return _respond(request, "quizzes/_state.html", context)


@require_POST
def answer(request, page_id):
    """Grade one answer: the feedback fragment for htmx, otherwise a redirect to the feedback page (PRG)."""
    page = None
    try:
        page, quiz = services.live_quiz(page_id)
        form = AnswerForm(request.POST)
        if not form.is_valid():
            raise QuizError(OUT_OF_DATE)
        data = form.cleaned_data
        attempt = services.attempt_for_request(request, quiz, data["attempt"])
        result = services.grade(attempt, data["question"], data["option"])
    except QuizError as error:
        return _error(request, page, error)
    if not request.htmx:
        params = {"feedback": result.question_key}
        if attempt.pk:
            params = {"attempt": attempt.pk, **params}
        return redirect(_page_url(page, **params))
    context = {"page": page, "quiz": quiz, "attempt": attempt, "total": result.total}
    context.update(
        services.feedback_context(
            page, quiz, attempt, result.question_key, result.chosen, result.correct, result.answered
        )
    )
    return _respond(request, "quizzes/_state.html", context)


@require_GET
def current(request, page_id):
    """The learner's current question or result as a fragment: htmx "next question" and "see my result".

    Same state as the quiz page itself (``services.page_state``); without htmx it redirects there.
    """
    page = None
    try:
        page, quiz = services.live_quiz(page_id)
    except QuizError as error:
        return _error(request, page, error)
    if not request.htmx:
        attempt = parse_id(request.GET.get("attempt"))
        return redirect(_page_url(page, attempt=attempt) if attempt else _page_url(page))
    return _respond(request, "quizzes/_state.html", services.page_state(request, page, source=quiz))
