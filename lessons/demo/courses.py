"""Build the demo courses from ``lessons/demo/courses/*.json`` (see FORMAT.md): Thai pages, English translations.

Everything is updated in place by slug, so loading twice gives the same pages, images and translations.
StreamField block ids are derived from the course and lesson slugs, so they stay the same from run to run and
match between the Thai page and its English translation.
"""

import json
import uuid
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils.html import escape
from wagtail.fields import StreamField
from wagtail.images import get_image_model

from lessons.blocks import LessonStreamBlock
from lessons.models import CoursePage, LessonPage, Topic

from .translation import translate

DEMO_DIR = Path(__file__).resolve().parent
COURSES_DIR = DEMO_DIR / "courses"
IMAGES_DIR = DEMO_DIR / "images"
ID_NAMESPACE = uuid.UUID("6f1c7c52-5a0e-4c6b-9d1e-2b7f3f2d8a11")

# (slug, Thai name, English name)
TOPICS = [
    ("online-selling", "ขายของออนไลน์", "Online selling"),
    ("community-tourism", "ส่งเสริมการท่องเที่ยวชุมชน", "Community tourism promotion"),
    ("safe-internet", "ใช้อินเทอร์เน็ตอย่างปลอดภัย", "Safe internet use"),
    ("remote-work", "ทำงานทางไกลและงานที่บ้าน", "Remote and home-based work"),
]


def block_id(*parts):
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


def rich(text):
    """Rich text from the JSON: HTML as given, plain text as one escaped paragraph."""
    text = text.strip()
    return text if text.startswith("<") else f"<p>{escape(text)}</p>"


def demo_image(filename):
    """The Wagtail image for a file in lessons/demo/images, created once and found again by its title."""
    Image = get_image_model()
    image = Image.objects.filter(title=filename).order_by("pk").first()
    if image is None:
        with open(IMAGES_DIR / filename, "rb") as fh:
            image = Image(title=filename, file=ImageFile(fh, name=filename))
            image._set_image_file_metadata()
            image.save()
    return image


def ensure_topics(thai, english):
    """The four seed topics in Thai, translated into English; returns ``{slug: Thai topic}``."""
    topics = {}
    for slug, name_th, name_en in TOPICS:
        topic, created = Topic.objects.get_or_create(slug=slug, locale=thai, defaults={"name": name_th})
        changed = created or topic.name != name_th
        if changed:
            topic.name = name_th
            topic.save()
        translate(topic, english, Topic(name=name_en, slug=slug, locale=english), force=changed)
        topics[slug] = topic
    return topics


def lesson_body(course_slug, lesson, lang):
    """Raw StreamField data for a lesson in ``lang``."""
    stream = []
    for index, block in enumerate(lesson["body"]):
        key = (course_slug, lesson["slug"], index)
        kind = block["type"]
        if kind == "heading":
            value = block["text"][lang]
        elif kind == "paragraph":
            value = rich(block["html"][lang])
        elif kind == "image":
            value = {
                "image": demo_image(block["file"]).pk,
                "alt": block["alt"][lang],
                "caption": block.get("caption", {}).get(lang, ""),
            }
        elif kind == "steps":
            value = {
                "title": block.get("title", {}).get(lang, ""),
                "steps": [
                    {
                        "type": "item",
                        "id": block_id(*key, step_index),
                        "value": {
                            "title": step["title"][lang],
                            "text": rich(step["text"][lang]) if step.get("text") else "",
                            "image": demo_image(step["image"]).pk if step.get("image") else None,
                            "image_alt": step.get("image_alt", step["title"])[lang] if step.get("image") else "",
                        },
                    }
                    for step_index, step in enumerate(block["steps"])
                ],
            }
        elif kind == "callout":
            value = {"kind": block["kind"], "text": rich(block["text"][lang])}
        elif kind == "checklist":
            value = {
                "title": block.get("title", {}).get(lang, ""),
                "items": [
                    {"type": "item", "id": block_id(*key, item_index), "value": item}
                    for item_index, item in enumerate(block["items"][lang])
                ],
            }
        elif kind == "activity":
            value = {"title": block["title"][lang], "instructions": rich(block["instructions"][lang])}
        elif kind == "video":
            value = {
                "video": block["url"],
                "transcript": block["transcript"][lang],
                "low_data_note": block.get("low_data_note", {}).get(lang, ""),
            }
        else:
            raise ValueError(f"{course_slug}/{lesson['slug']}: unknown block type {kind!r}")
        stream.append({"type": kind, "value": value, "id": block_id(*key)})
    return stream


def course_fields(data, lang, topic):
    cover = demo_image(data["cover"]) if data.get("cover") else None
    return {
        "title": data["title"][lang],
        "slug": data["slug"],
        "summary": data["summary"][lang],
        "topic": topic,
        "level": data["level"],
        "cover_image": cover,
        "cover_alt": data["cover_alt"][lang] if cover else "",
        "outcomes": [
            {"type": "outcome", "value": outcome, "id": block_id(data["slug"], "outcome", index)}
            for index, outcome in enumerate(data["outcomes"][lang])
        ],
    }


def lesson_fields(course_slug, lesson, lang):
    return {
        "title": lesson["title"][lang],
        "slug": lesson["slug"],
        "intro": lesson.get("intro", {}).get(lang, ""),
        "minutes": lesson["minutes"],
        "body": lesson_body(course_slug, lesson, lang),
    }


def _stored(field, page):
    """The value ``field`` would store for ``page``, as plain data (JSON key order does not matter)."""
    value = field.value_to_string(page)
    if isinstance(field, StreamField):
        return json.loads(value) if value else []
    return value


def _apply(page, fields):
    """Set ``fields`` on ``page``; True when any stored value changed."""
    changed = False
    for name, value in fields.items():
        field = page._meta.get_field(name)
        before = _stored(field, page)
        setattr(page, name, value)
        if _stored(field, page) != before:
            changed = True
    return changed


def upsert_page(parent, model, fields):
    """The live ``model`` child of ``parent`` with ``fields``, created or updated in place by slug.

    Returns ``(page, changed)``; an unchanged page gets no new revision.
    """
    page = model.objects.child_of(parent).filter(slug=fields["slug"]).first()
    if page is None:
        page = model(locale_id=parent.locale_id)
        _apply(page, fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, True
    changed = _apply(page, fields)
    if changed or not page.live:
        page.save_revision().publish()
    return page, changed or not page.live


def contributed_blocks(page):
    """Raw blocks of ``page``'s body that other apps contributed (``hooks.LESSON_BODY_BLOCKS``), e.g. practice.

    Their demo loaders own them; reloading the lessons keeps them, at the end of the body, so loading twice
    changes nothing.
    """
    if page is None:
        return []
    own = LessonStreamBlock.base_blocks
    return [block for block in page.body.raw_data if block.get("type") not in own]


def load_course(data, catalog, topics, english):
    """One course from its JSON data: the Thai pages, then their English translations."""
    topic = topics[data["topic"]]
    course, changed = upsert_page(catalog, CoursePage, course_fields(data, "th", topic))
    translate(course, english, CoursePage(**course_fields(data, "en", topic)), force=changed)
    for lesson in data["lessons"]:
        fields = lesson_fields(data["slug"], lesson, "th")
        existing = LessonPage.objects.child_of(course).filter(slug=lesson["slug"]).first()
        fields["body"] += contributed_blocks(existing)
        page, changed = upsert_page(course, LessonPage, fields)
        fields_en = lesson_fields(data["slug"], lesson, "en")
        fields_en["body"] += contributed_blocks(page.get_translation_or_none(english)) if existing else []
        translate(page, english, LessonPage(**fields_en), force=changed)
    return course


def course_data():
    """The demo courses' data, in the order of TOPICS (the catalogue's order)."""
    order = [slug for slug, _th, _en in TOPICS]
    courses = []
    for path in COURSES_DIR.glob("*.json"):
        with open(path, encoding="utf-8") as fh:
            courses.append(json.load(fh))
    return sorted(courses, key=lambda data: order.index(data["topic"]) if data["topic"] in order else len(order))
