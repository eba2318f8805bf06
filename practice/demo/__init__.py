"""Demo practices: at least two practice blocks in lessons of each demo course, Thai and English.

One JSON file per course in this folder. Texts are ``{"th": ..., "en": ...}``; list items may carry a stable
``key``. Block and item ids are derived from the course, practice and keys (or list positions), so they are the
same in both languages and on every run. A practice's activities go at the end of the body of the lesson named
by ``after``, after the lesson's own blocks (``lessons.demo`` keeps them when it reloads a lesson); the English
lesson is translated through wagtail-localize. Runs after ``lessons.demo``. Safe to run again.
"""

import json
import uuid
from pathlib import Path

from wagtail.models import Locale

from lessons.demo.courses import course_data, lesson_fields, upsert_page
from lessons.demo.translation import translate
from lessons.models import CoursePage, LessonPage

from ..activities import activities_of

DEMO_DIR = Path(__file__).resolve().parent
KEY_NAMESPACE = uuid.UUID("0c7f5f0e-6a0e-4f7d-9b8e-2f1d7c3a9e41")


def block_id(*parts):
    return str(uuid.uuid5(KEY_NAMESPACE, "/".join(parts)))


def practice_data():
    """Every demo practice file, in file-name order."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(DEMO_DIR.glob("*.json"))]


def convert(value, language, path):
    """Raw StreamField data in ``language`` for a JSON value: texts picked, list items given stable ids."""
    if isinstance(value, dict) and set(value) == {"th", "en"}:
        return value[language]
    if isinstance(value, dict):
        return {name: convert(child, language, f"{path}/{name}") for name, child in value.items() if name != "key"}
    if isinstance(value, list):
        items = []
        for index, child in enumerate(value):
            key = str(child.get("key", index)) if isinstance(child, dict) else str(index)
            items.append(
                {"type": "item", "id": block_id(path, key), "value": convert(child, language, f"{path}/{key}")}
            )
        return items
    return value


def practice_blocks(course_slug, practice, language):
    """The raw lesson-body blocks of one demo practice in ``language``."""
    return [
        {
            "type": activity["type"],
            "id": block_id(course_slug, practice["slug"], activity["key"]),
            "value": convert(activity["value"], language, f"{course_slug}/{practice['slug']}/{activity['key']}"),
        }
        for activity in practice["activities"]
    ]


def load_course_practices(data, english):
    """The practice of one demo course put into its Thai lessons and their English translations: the lessons
    changed, [] when the course is absent."""
    course = CoursePage.objects.filter(locale__language_code="th", slug=data["course"]).first()
    lessons = {
        lesson["slug"]: lesson
        for lesson in next((c["lessons"] for c in course_data() if c["slug"] == data["course"]), [])
    }
    if course is None or not lessons:
        return []
    by_lesson = {}
    for practice in data["practices"]:
        by_lesson.setdefault(practice["after"], []).append(practice)
    loaded = []
    for slug, practices in by_lesson.items():
        fields = {
            "th": lesson_fields(data["course"], lessons[slug], "th"),
            "en": lesson_fields(data["course"], lessons[slug], "en"),
        }
        for language in ("th", "en"):
            for practice in practices:
                fields[language]["body"] += practice_blocks(data["course"], practice, language)
        page, changed = upsert_page(course, LessonPage, fields["th"])
        translate(page, english, LessonPage(**fields["en"]), force=changed)
        loaded.append(page)
    return loaded


def load(stdout):
    english, _ = Locale.objects.get_or_create(language_code="en")
    for data in practice_data():
        pages = load_course_practices(data, english)
        if not pages:
            stdout.write(f"  Practice skipped: course {data['course']!r} is not loaded")
        for page in pages:
            stdout.write(f"  Practice in lesson: {page.title} ({len(activities_of(page))} activities, th + en)")
