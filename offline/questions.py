"""A quiz's questions as saved for offline use: texts and options only, never the correct ones or the
explanations (``Question.public``), in the quiz page's language and the source page's order."""

from quizzes.services import display_question


def quiz_questions(page):
    source = page.source
    questions = []
    for grading in source.question_list:
        question = display_question(page, source, grading.key).public()
        questions.append(
            {
                "key": question.key,
                "kind": question.kind,
                "number": question.number,
                "text": question.text,
                "options": [{"key": option.key, "text": str(option.text)} for option in question.options],
            }
        )
    return {"quiz": page.pk, "title": page.title, "questions": questions}
