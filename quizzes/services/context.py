"""What the quiz page and its fragments show: the intro, the current question, feedback or the result.

Never puts the correct options or explanation of an unanswered question in the context.
"""

from django.db.models import Q

from lessons.models import CoursePage, Enrolment, LessonPage
from lessons.services import resume_course

from .attempts import current_attempt
from .progress import best_result


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

    ``attempt_id`` / ``feedback_key`` come from the query string after a form post (PRG).
    """
    source = source or page.source
    params = request.GET
    attempt_id = attempt_id if attempt_id is not None else params.get("attempt")
    feedback_key = feedback_key if feedback_key is not None else params.get("feedback")
    context = {
        "page": page,
        "quiz": source,
        "total": len(source.question_list),
        "pass_mark": source.pass_mark,
        "urls": page.action_urls(request),
    }
    attempt = current_attempt(request, source, attempt_id)
    context["attempt"] = attempt
    context["practice"] = not request.user.is_authenticated
    if attempt is None:
        return {**context, "state": "intro", "best": best_result(request.user, source)}
    answers = attempt.answers_map()
    context["answered"] = sum(1 for question in source.question_list if question.key in answers)
    if feedback_key and feedback_key in answers and feedback_key in source.questions_by_key:
        chosen, correct = answers[feedback_key]
        context.update(feedback_context(page, source, attempt, feedback_key, chosen, correct, context["answered"]))
        return context
    if attempt.finished:
        context.update(result_context(page, source, attempt, answers, request))
        return context
    for question in source.question_list:
        if question.key not in answers:
            context["state"] = "question"
            context["question"] = display_question(page, source, question.key).public()
            return context
    return {**context, "state": "intro", "best": best_result(request.user, source)}


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


def result_context(page, source, attempt, answers, request=None):
    """The result and what to do next: after a pass the certificate (or what is left of the course) and the
    course; after a fail the lessons to review and "try again" (``next_step`` is ``resume_course``'s target)."""
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
        **next_steps(page, attempt, request),
    }


def next_steps(page, attempt, request):
    """``course`` (in the page's language) and, after a recorded pass, ``next_step``: where "continue" goes —
    the certificate when the course is complete and one is issued (``next_step.page`` is None), else the
    first lesson or quiz not done; None when nothing is left but no certificate is issued yet."""
    course = page.get_parent().specific
    steps = {"course": course, "next_step": None, "course_complete": False}
    if request is None or not attempt.passed or not request.user.is_authenticated:
        return steps
    target = resume_course(request.user, course, request)
    steps["next_step"] = target
    steps["course_complete"] = Enrolment.objects.filter(
        user=request.user, course=CoursePage.objects.source_of(course), completed_at__isnull=False
    ).exists()
    return steps
