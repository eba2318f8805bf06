"""Trainers' statistics for one quiz, computed in the database."""

from django.db.models import Count, Q

from ..models import Answer, QuizAttempt
from .context import display_question


def statistics(quiz, page=None):
    """Trainer statistics for ``quiz`` (source page); texts in ``page``'s language.

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
