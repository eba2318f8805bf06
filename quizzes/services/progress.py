"""Quizzes in course progress: what lessons asks through its hooks, and a learner's best result."""

from django.db.models import Count, Exists, Max, OuterRef, Q

from ..models import QuizAttempt, QuizPage


def quiz_passed(user, quiz):
    """True when ``user`` has a passed attempt at ``quiz`` (any translation)."""
    if not user.is_authenticated:
        return False
    return QuizAttempt.objects.filter(user=user, quiz=QuizPage.objects.source_of(quiz), passed=True).exists()


def outline_statuses(user, pages):
    """``lessons.hooks.OUTLINE_STATUSES`` hook: quizzes passed are "done", tried are "started".

    Two queries for any number of quizzes: their source pages (none when loaded with ``source_pk``), then
    the reader's attempts.
    """
    quizzes = [page for page in pages if isinstance(page, QuizPage)]
    if not quizzes:
        return {}
    if all("source_pk" in quiz.__dict__ for quiz in quizzes):  # loaded with it (``lessons.services.outline``)
        source_by_key = {quiz.translation_key: quiz.source_pk for quiz in quizzes}
    else:
        source_by_key = QuizPage.objects.source_ids([quiz.translation_key for quiz in quizzes])
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
    """``lessons.hooks.COMPLETION_CHECK`` hook: every required live quiz of ``course`` is passed."""
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
