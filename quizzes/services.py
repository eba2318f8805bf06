"""Taking a quiz: attempts, grading and the state a learner sees.

Grading happens here only. An attempt belongs to the quiz's *source* page (``lessons.services.source_page``),
so the learner keeps the same attempt when switching language; the questions' keys, correct options and
order come from the source page, while texts are shown from the page in the reader's language.

Signed-in learners get a ``QuizAttempt`` row with one ``Answer`` per question (unique constraint).
Anonymous visitors practise: a ``PracticeAttempt`` keeps their answers in their session, and nothing is
written to the quiz tables.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from lessons import services as lesson_services
from lessons.models import LessonPage
from lms.inputs import parse_id

from .models import Answer, QuizAttempt, QuizPage

PRACTICE_SESSION_KEY = "quiz_practice"


class QuizError(Exception):
    """Bad input or a forbidden action: a translated message and the HTTP status to answer with."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Result:
    """The outcome of answering one question (shown as feedback)."""

    question_key: str
    chosen: tuple
    correct: bool
    answered: int
    total: int
    finished: bool


class PracticeAttempt:
    """An anonymous visitor's attempt, kept in the session only. Same interface as ``QuizAttempt``."""

    pk = None
    user = None

    def __init__(self, session, quiz):
        self.session = session
        self.quiz = quiz
        self._key = str(quiz.pk)

    @property
    def _state(self):
        return self.session.get(PRACTICE_SESSION_KEY, {}).get(self._key)

    @property
    def started(self):
        return self._state is not None

    @property
    def finished(self):
        return bool(self._state and self._state.get("finished"))

    @property
    def score(self):
        return (self._state or {}).get("score")

    @property
    def passed(self):
        return bool((self._state or {}).get("passed"))

    def restart(self):
        practice = self.session.get(PRACTICE_SESSION_KEY, {})
        practice[self._key] = {"answers": {}, "finished": False}
        self.session[PRACTICE_SESSION_KEY] = practice
        self.session.modified = True

    def answers_map(self):
        return {
            key: (tuple(chosen), correct) for key, (chosen, correct) in (self._state or {}).get("answers", {}).items()
        }

    def store_answer(self, question_key, chosen, correct):
        if not self.started:
            self.restart()
        answers = self._state["answers"]
        if question_key in answers:
            stored_chosen, stored_correct = answers[question_key]
            return tuple(stored_chosen), stored_correct, False
        answers[question_key] = [list(chosen), correct]
        self.session.modified = True
        return tuple(chosen), correct, True

    def stored_answer(self, question_key):
        return self.answers_map().get(question_key)

    def finish(self, score, passed):
        self._state.update({"finished": True, "score": score, "passed": passed})
        self.session.modified = True
        return True


def _db_answers_map(attempt):
    rows = Answer.objects.filter(attempt=attempt).values_list("question_key", "chosen", "correct")
    return {key: (tuple(chosen), correct) for key, chosen, correct in rows}


def _db_store_answer(attempt, question_key, chosen, correct):
    try:
        with transaction.atomic():
            Answer.objects.create(attempt=attempt, question_key=question_key, chosen=list(chosen), correct=correct)
    except IntegrityError:
        stored = Answer.objects.get(attempt=attempt, question_key=question_key)
        return tuple(stored.chosen), stored.correct, False
    return tuple(chosen), correct, True


def _db_finish(attempt, score, passed):
    """Finish once: a concurrent request that also saw every answer finds the row already finished."""
    now = timezone.now()
    updated = QuizAttempt.objects.filter(pk=attempt.pk, finished_at__isnull=True).update(
        finished_at=now, score=score, passed=passed
    )
    attempt.finished_at, attempt.score, attempt.passed = now, score, passed
    return bool(updated)


def answers_map(attempt):
    """``{question_key: (chosen option keys, correct)}`` for an attempt of either kind."""
    if isinstance(attempt, PracticeAttempt):
        return attempt.answers_map()
    return _db_answers_map(attempt)


def live_quiz(page_id):
    """``(page, source)``: the published quiz page with this id (any language) and its source page.

    One query for both (the source is the first-created translation, as in ``lessons.services.source_page``).
    Raises a 404 QuizError when there is no such published quiz.
    """
    key = Page.objects.filter(pk=page_id).values("translation_key")
    translations = list(QuizPage.objects.filter(translation_key__in=key).order_by("pk"))
    page = next((quiz for quiz in translations if quiz.pk == page_id and quiz.live), None)
    if page is None:
        raise QuizError(_("This quiz is not published."), status=404)
    return page, translations[0]


def check_answer(question, option_keys):
    """Grade ``option_keys`` against ``question``: ``(chosen, correct)``. Raises QuizError on bad input."""
    chosen = tuple(sorted({str(key) for key in option_keys if str(key).strip()}))
    if not chosen:
        raise QuizError(_("Please choose an answer."))
    if any(key not in question.option_keys for key in chosen):
        raise QuizError(_("That answer is not one of this question's options. Please choose again."))
    if not question.multiple and len(chosen) > 1:
        raise QuizError(_("Please choose only one answer."))
    return chosen, frozenset(chosen) == question.correct_keys


def score_of(quiz, answers):
    """``(score percent rounded down, passed)`` for ``answers`` against the quiz's current questions."""
    total = len(quiz.question_list)
    right = sum(1 for question in quiz.question_list if answers.get(question.key, ((), False))[1])
    if total == 0:
        return 0, False
    return right * 100 // total, right * 100 >= quiz.pass_mark * total


def grade(attempt, question_key, option_keys):
    """Grade and record one answer. Idempotent: a repeated answer returns the stored one unchanged.

    ``attempt`` is a ``QuizAttempt`` whose ``quiz`` is the source page, or a ``PracticeAttempt``.
    Finishes the attempt when every question is answered; a passed quiz updates course completion.
    """
    quiz = attempt.quiz
    question = quiz.questions_by_key.get(str(question_key))
    if question is None:
        raise QuizError(_("This question is not part of the quiz."))
    is_practice = isinstance(attempt, PracticeAttempt)
    if attempt.finished:
        stored = attempt.stored_answer(question.key) if is_practice else _stored_db_answer(attempt, question.key)
        if stored is None:
            raise QuizError(_("This attempt is finished. Start a new attempt to answer again."), status=409)
        answers = answers_map(attempt)
        return Result(question.key, stored[0], stored[1], len(answers), len(quiz.question_list), True)
    chosen, correct = check_answer(question, option_keys)
    if is_practice:
        chosen, correct, _created = attempt.store_answer(question.key, chosen, correct)
    else:
        chosen, correct, _created = _db_store_answer(attempt, question.key, chosen, correct)
    answers = answers_map(attempt)
    answered = sum(1 for q in quiz.question_list if q.key in answers)
    finished = answered >= len(quiz.question_list)
    if finished:
        score, passed = score_of(quiz, answers)
        if is_practice:
            attempt.finish(score, passed)
        elif _db_finish(attempt, score, passed) and passed:
            course = quiz.get_parent().specific
            lesson_services.update_course_completion(attempt.user, course)
    return Result(question.key, chosen, correct, answered, len(quiz.question_list), finished)


def _stored_db_answer(attempt, question_key):
    row = Answer.objects.filter(attempt=attempt, question_key=question_key).values_list("chosen", "correct").first()
    return (tuple(row[0]), row[1]) if row else None


def open_attempt(user, quiz):
    return QuizAttempt.objects.filter(user=user, quiz=quiz, finished_at__isnull=True).first()


def start_attempt(request, quiz):
    """The learner's open attempt at ``quiz`` (source page), or a new one. Double clicks give one attempt."""
    if not request.user.is_authenticated:
        practice = PracticeAttempt(request.session, quiz)
        if not practice.started or practice.finished:
            practice.restart()
        return practice
    attempt = open_attempt(request.user, quiz)
    if attempt is None:
        try:
            with transaction.atomic():
                attempt = QuizAttempt.objects.create(user=request.user, quiz=quiz)
        except IntegrityError:
            attempt = open_attempt(request.user, quiz)
        lesson_services.enrol(request.user, quiz.get_parent().specific)
    attempt.quiz = quiz
    return attempt


def attempt_for_request(request, quiz, attempt_id):
    """The attempt a request may act on, checked against the requesting learner and the quiz."""
    if not request.user.is_authenticated:
        if attempt_id:
            raise QuizError(_("This attempt belongs to another account. Please sign in."), status=403)
        return PracticeAttempt(request.session, quiz)
    attempt_id = parse_id(attempt_id)
    if attempt_id is None:
        raise QuizError(_("Please start the quiz first."))
    attempt = QuizAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        raise QuizError(_("This attempt does not exist."), status=404)
    if attempt.user_id != request.user.pk:
        raise QuizError(_("This attempt belongs to another account."), status=403)
    if attempt.quiz_id != quiz.pk:
        raise QuizError(_("This attempt belongs to another quiz."))
    attempt.quiz = quiz
    attempt.user = request.user
    return attempt


def quiz_passed(user, quiz):
    """True when ``user`` has a passed attempt at ``quiz`` (any translation)."""
    if not user.is_authenticated:
        return False
    return QuizAttempt.objects.filter(user=user, quiz=lesson_services.source_page(quiz), passed=True).exists()


def outline_statuses(user, pages):
    """Outline hook (registered in ``QuizzesConfig.ready``): quizzes passed are "done", tried are "started".

    Two queries for any number of quizzes: their source pages, then the reader's attempts.
    """
    quizzes = [page for page in pages if isinstance(page, QuizPage)]
    if not quizzes:
        return {}
    source_by_key = dict(
        QuizPage.objects.filter(translation_key__in=[quiz.translation_key for quiz in quizzes])
        .order_by("-pk")
        .values_list("translation_key", "pk")
    )
    attempts = QuizAttempt.objects.filter(user=user, quiz_id__in=source_by_key.values())
    passed = dict(
        attempts.values("quiz_id").annotate(passed=Count("pk", filter=Q(passed=True))).values_list("quiz_id", "passed")
    )
    statuses = {}
    for quiz in quizzes:
        source_id = source_by_key.get(quiz.translation_key)
        if source_id in passed:
            statuses[quiz.pk] = "done" if passed[source_id] else "started"
    return statuses


def required_quizzes_passed(user, course):
    """Completion check (registered in ``QuizzesConfig.ready``): every required live quiz is passed."""
    if not user.is_authenticated:
        return False
    passed = QuizAttempt.objects.filter(user=user, quiz=OuterRef("pk"), passed=True)
    return not QuizPage.objects.child_of(course).live().filter(required=True).exclude(Exists(passed)).exists()


def best_result(user, quiz):
    """``{"attempts", "best_score", "passed"}`` over the finished attempts of ``user`` at ``quiz`` (source)."""
    if not user.is_authenticated:
        return None
    return QuizAttempt.objects.filter(user=user, quiz=quiz, finished_at__isnull=False).aggregate(
        attempts=Count("pk"), best_score=Max("score"), passed=Count("pk", filter=Q(passed=True))
    )


def review_lessons(page, questions):
    """Live lessons to review for ``questions``, in the language of ``page`` when translated, in order."""
    ids = [question.lesson_id for question in questions if question.lesson_id]
    if not ids:
        return []
    keys = LessonPage.objects.filter(pk__in=ids).values("translation_key")
    candidates = LessonPage.objects.live().filter(Q(pk__in=ids) | Q(translation_key__in=keys, locale=page.locale_id))
    by_key = {}
    originals = {}
    for lesson in candidates:
        if lesson.pk in ids:
            originals[lesson.pk] = lesson
        if lesson.locale_id == page.locale_id:
            by_key[lesson.translation_key] = lesson
    lessons = []
    for lesson_id in dict.fromkeys(ids):
        original = originals.get(lesson_id)
        if original is None:
            continue
        lesson = by_key.get(original.translation_key, original)
        if lesson not in lessons:
            lessons.append(lesson)
    return lessons


def display_question(page, source, key):
    """The question ``key`` with texts in the language of ``page`` (falls back to the source text)."""
    question = page.questions_by_key.get(key)
    if question is None or page.pk == source.pk:
        return source.questions_by_key[key]
    grading = source.questions_by_key[key]
    texts = {option.key: option.text for option in question.options}
    options = tuple(
        option.__class__(option.key, texts.get(option.key, option.text), option.correct) for option in grading.options
    )
    return grading.__class__(
        key=key,
        kind=grading.kind,
        text=question.text or grading.text,
        options=options,
        explanation=question.explanation or grading.explanation,
        lesson_id=question.lesson_id or grading.lesson_id,
        number=grading.number,
    )


def page_state(request, page, attempt_id=None, feedback_key=None, source=None):
    """Everything the quiz page shows for ``request``: intro, the current question, feedback or the result.

    ``attempt_id`` / ``feedback_key`` come from the query string after a form post (PRG). Never puts the
    correct options or explanation of an unanswered question in the context.
    """
    source = source or lesson_services.source_page(page)
    params = request.GET
    attempt_id = attempt_id if attempt_id is not None else params.get("attempt")
    feedback_key = feedback_key if feedback_key is not None else params.get("feedback")
    total = len(source.question_list)
    context = {"page": page, "quiz": source, "total": total, "pass_mark": source.pass_mark}
    if request.user.is_authenticated:
        attempt = None
        if parse_id(attempt_id):
            attempt = QuizAttempt.objects.filter(pk=parse_id(attempt_id), user=request.user, quiz=source).first()
        if attempt is None:
            attempt = open_attempt(request.user, source)
        if attempt is not None:
            attempt.quiz = source
    else:
        attempt = PracticeAttempt(request.session, source)
        if not attempt.started:
            attempt = None
    context["attempt"] = attempt
    context["practice"] = not request.user.is_authenticated
    if attempt is None:
        context["state"] = "intro"
        context["best"] = best_result(request.user, source)
        return context
    answers = answers_map(attempt)
    context["answered"] = sum(1 for question in source.question_list if question.key in answers)
    if feedback_key and feedback_key in answers and feedback_key in source.questions_by_key:
        chosen, correct = answers[feedback_key]
        context.update(feedback_context(page, source, attempt, feedback_key, chosen, correct, context["answered"]))
        return context
    if attempt.finished:
        context.update(result_context(page, source, attempt, answers))
        return context
    for question in source.question_list:
        if question.key not in answers:
            context["state"] = "question"
            context["question"] = display_question(page, source, question.key).public()
            return context
    context["state"] = "intro"
    context["best"] = best_result(request.user, source)
    return context


def feedback_context(page, source, attempt, question_key, chosen, correct, answered):
    question = display_question(page, source, question_key)
    return {
        "state": "feedback",
        "question": question,
        "chosen": set(chosen),
        "correct": correct,
        "correct_options": [option for option in question.options if option.correct],
        "answered": answered,
        "finished": answered >= len(source.question_list),
    }


def result_context(page, source, attempt, answers):
    wrong = [
        display_question(page, source, question.key)
        for question in source.question_list
        if not answers.get(question.key, ((), False))[1]
    ]
    return {
        "state": "result",
        "score": attempt.score,
        "passed": attempt.passed,
        "right": len(source.question_list) - len(wrong),
        "wrong_questions": wrong,
        "review": review_lessons(page, wrong),
    }


def statistics(quiz, page=None):
    """Trainer statistics for ``quiz`` (source page), computed in the database; texts in ``page``'s language.

    ``{"attempts", "finished", "passed", "pass_rate", "questions": [{"question", "answers", "correct",
    "correct_rate"}]}``; rates are percentages or None when there is nothing to count.
    """
    totals = QuizAttempt.objects.filter(quiz=quiz).aggregate(
        attempts=Count("pk"),
        finished=Count("pk", filter=Q(finished_at__isnull=False)),
        passed=Count("pk", filter=Q(passed=True)),
    )
    rows = (
        Answer.objects.filter(attempt__quiz=quiz)
        .values("question_key")
        .annotate(answers=Count("pk"), correct=Count("pk", filter=Q(correct=True)))
    )
    by_key = {row["question_key"]: row for row in rows}
    questions = []
    for question in quiz.question_list:
        row = by_key.get(question.key, {"answers": 0, "correct": 0})
        rate = round(100 * row["correct"] / row["answers"]) if row["answers"] else None
        questions.append(
            {
                "question": display_question(page or quiz, quiz, question.key),
                "answers": row["answers"],
                "correct": row["correct"],
                "correct_rate": rate,
            }
        )
    finished = totals["finished"]
    return {
        **totals,
        "pass_rate": round(100 * totals["passed"] / finished) if finished else None,
        "questions": questions,
    }
