"""Demo practices: at least two in each demo course (Thai), translated into English with wagtail-localize.

One JSON file per course in this folder. Texts are ``{"th": ..., "en": ...}``; list items may carry a stable
``key``. Block and item ids are derived from the course, page and keys (or list positions), so they are the
same in both languages and on every run. Each practice page is placed right after the lesson it practises
(``after``), following any practice placed there before it. Runs after ``quizzes.demo``. Safe to run again.
"""

import json
import uuid
from pathlib import Path

from wagtail.models import Locale

from lessons.demo.courses import upsert_page
from lessons.demo.translation import translate
from lessons.models import CoursePage, LessonPage

from ..models import PracticePage

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


def practice_fields(course_slug, practice, language):
    return {
        "title": practice["title"][language],
        "slug": practice["slug"],
        "intro": practice["intro"][language],
        "required": practice.get("required", True),
        "activities": [
            {
                "type": activity["type"],
                "id": block_id(course_slug, practice["slug"], activity["key"]),
                "value": convert(activity["value"], language, f"{course_slug}/{practice['slug']}/{activity['key']}"),
            }
            for activity in practice["activities"]
        ],
    }


def place_after(page, anchor):
    """Move ``page`` to just after ``anchor`` (its sibling) unless it is there already."""
    page.refresh_from_db()
    previous = page.get_prev_sibling()
    if previous is None or previous.pk != anchor.pk:
        page.move(anchor, pos="right")


def load_course_practices(data, english):
    """The Thai practices of one demo course and their English translations; [] when the course is absent."""
    course = CoursePage.objects.filter(locale__language_code="th", slug=data["course"]).first()
    if course is None:
        return []
    loaded, anchor, anchor_en, previous_after = [], None, None, None
    for practice in data["practices"]:
        if practice["after"] != previous_after:
            anchor = LessonPage.objects.child_of(course).get(slug=practice["after"])
            anchor_en = anchor.get_translation_or_none(english)
        previous_after = practice["after"]
        page, changed = upsert_page(course, PracticePage, practice_fields(data["course"], practice, "th"))
        place_after(page, anchor)
        page_en = translate(
            page, english, PracticePage(**practice_fields(data["course"], practice, "en")), force=changed
        )
        if anchor_en is not None:
            place_after(page_en, anchor_en)
        anchor, anchor_en = page, page_en
        loaded.append(page)
    return loaded


def load(stdout):
    english, _ = Locale.objects.get_or_create(language_code="en")
    for data in practice_data():
        pages = load_course_practices(data, english)
        if not pages:
            stdout.write(f"  Practice skipped: course {data['course']!r} is not loaded")
        for page in pages:
            stdout.write(f"  Practice: {page.title} ({len(page.activity_list)} activities, th + en)")
