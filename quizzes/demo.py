"""Demo quizzes: one at the end of each demo course (Thai), translated into English with wagtail-localize.

Runs after ``lessons.demo`` (see ``lms.management.commands.load_demo``) and reuses its helpers. Question and
option keys are block ids derived from the stable keys in the JSON files (see lessons/demo/FORMAT.md), so they
are the same in both languages and on every run. Safe to run again.
"""

import uuid

from wagtail.models import Locale

from lessons.demo.courses import course_data, upsert_page
from lessons.demo.translation import translate
from lessons.models import CoursePage, LessonPage

from .models import QuizPage

KEY_NAMESPACE = uuid.UUID("6f1c2b1e-3d6a-4c59-9a53-0b8f0a6f5c21")


def block_id(*parts):
    return str(uuid.uuid5(KEY_NAMESPACE, "/".join(parts)))


def question_blocks(course_slug, questions, language, lesson_ids):
    """Raw StreamField data for the JSON ``questions`` in ``language``; ``lesson_ids`` maps lesson slug -> pk."""
    blocks = []
    for question in questions:
        value = {
            "text": question["text"][language],
            "explanation": question["explanation"][language],
            "lesson": lesson_ids.get(question.get("lesson")),
        }
        if question["type"] == "truefalse":
            right = next(option["key"] for option in question["options"] if option["correct"])
            value["answer"] = "true" if right == "true" else "false"
        else:
            value["options"] = [
                {
                    "type": "item",
                    "id": block_id(course_slug, question["key"], option["key"]),
                    "value": {"text": option["text"][language], "correct": bool(option["correct"])},
                }
                for option in question["options"]
            ]
        blocks.append({"type": question["type"], "id": block_id(course_slug, question["key"]), "value": value})
    return blocks


def quiz_fields(data, language, lesson_ids):
    quiz = data["quiz"]
    return {
        "title": quiz["title"][language],
        "slug": quiz["slug"],
        "intro": quiz["intro"][language],
        "pass_mark": quiz.get("pass_mark", 70),
        "required": True,
        "questions": question_blocks(data["slug"], quiz["questions"], language, lesson_ids),
    }


def _move_last(page):
    parent = page.get_parent()
    last = parent.get_children().last()
    if last is not None and last.pk != page.pk:
        page.move(parent, pos="last-child")


def load_course_quiz(data, english):
    """The Thai quiz of one demo course and its English translation; None when the course is not loaded."""
    course = CoursePage.objects.filter(locale__language_code="th", slug=data["slug"]).first()
    if course is None:
        return None
    lesson_ids = {lesson.slug: lesson.pk for lesson in LessonPage.objects.child_of(course)}
    quiz, changed = upsert_page(course, QuizPage, quiz_fields(data, "th", lesson_ids))
    _move_last(quiz)
    quiz_en = translate(quiz, english, QuizPage(**quiz_fields(data, "en", lesson_ids)), force=changed)
    _move_last(quiz_en)
    return quiz


def load(stdout):
    english, _ = Locale.objects.get_or_create(language_code="en")
    for data in course_data():
        if "quiz" not in data:
            continue
        quiz = load_course_quiz(data, english)
        if quiz is None:
            stdout.write(f"  Quiz skipped: course {data['slug']!r} is not loaded")
        else:
            stdout.write(f"  Quiz: {quiz.title} ({len(quiz.question_list)} questions, th + en)")
