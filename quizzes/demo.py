"""Demo quizzes: one at the end of each demo course (Thai), with its English translation.

Runs after ``lessons.demo`` (see ``lms.management.commands.load_demo``). Question and option keys are
block ids derived from the stable keys in the JSON files, so they are the same in both languages and the
same on every run. Safe to run again.
"""

import json
import uuid
from pathlib import Path

from wagtail.models import Locale

from lessons.models import CoursePage, LessonPage

from .models import QuizPage

COURSES_DIR = Path(__file__).resolve().parent.parent / "lessons" / "demo" / "courses"
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


def _publish_last(page, parent, fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    last = parent.get_children().last()
    if last and last.pk != page.pk:
        page.move(parent, pos="last-child")


def load_course_quiz(data, thai, english):
    """Create or update the quiz of one demo course; returns the Thai quiz or None when the course is missing."""
    course = CoursePage.objects.filter(locale=thai, slug=data["slug"]).first()
    if course is None:
        return None
    quiz_data = data["quiz"]
    lessons = list(LessonPage.objects.child_of(course))
    fields = {
        "title": quiz_data["title"]["th"],
        "intro": quiz_data["intro"]["th"],
        "pass_mark": quiz_data.get("pass_mark", 70),
        "required": True,
        "questions": question_blocks(data["slug"], quiz_data["questions"], "th", {p.slug: p.pk for p in lessons}),
    }
    quiz = QuizPage.objects.child_of(course).filter(slug=quiz_data["slug"]).first()
    if quiz is None:
        quiz = course.add_child(instance=QuizPage(slug=quiz_data["slug"], locale=thai, **fields))
    _publish_last(quiz, course, fields)
    course_en = course.get_translation_or_none(english)
    if course_en is None:
        return quiz
    english_lessons = {
        page.translation_key: page.pk
        for page in LessonPage.objects.filter(locale=english, translation_key__in=[p.translation_key for p in lessons])
    }
    lesson_ids_en = {p.slug: english_lessons.get(p.translation_key, p.pk) for p in lessons}
    quiz_en = quiz.get_translation_or_none(english) or quiz.copy_for_translation(english)
    _publish_last(
        quiz_en,
        course_en,
        {
            "title": quiz_data["title"]["en"],
            "intro": quiz_data["intro"]["en"],
            "pass_mark": fields["pass_mark"],
            "required": True,
            "questions": question_blocks(data["slug"], quiz_data["questions"], "en", lesson_ids_en),
        },
    )
    return quiz


def load(stdout):
    thai, _ = Locale.objects.get_or_create(language_code="th")
    english, _ = Locale.objects.get_or_create(language_code="en")
    for path in sorted(COURSES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "quiz" not in data:
            continue
        quiz = load_course_quiz(data, thai, english)
        if quiz is None:
            stdout.write(f"Quiz skipped: course {data['slug']!r} is not loaded")
        else:
            stdout.write(f"Quiz: {quiz.title} ({len(data['quiz']['questions'])} questions, th + en)")
