"""Practice moves into lessons: each practice page's activities become practice blocks at the end of the lesson
just before it (same course, same language; else the first lesson after it), with the same block ids, so runs
and translations keep their keys. Runs follow their activities; the practice pages are then deleted.

Lesson bodies are read and written as raw JSON: lessons' migrations do not know the contributed blocks.
"""

import json

from django.db import migrations
from django.db.models import TextField
from django.db.models.functions import Cast


def _raw_body(LessonPage, pk):
    raw = LessonPage.objects.filter(pk=pk).annotate(raw=Cast("body", TextField())).values_list("raw", flat=True)[0]
    raw = json.loads(raw) if isinstance(raw, str) else raw
    return raw or []


def _target_lesson(LessonPage, practice):
    siblings = LessonPage.objects.filter(path__startswith=practice.path[:-4], depth=practice.depth)
    return (
        siblings.filter(path__lt=practice.path).order_by("-path").first()
        or siblings.filter(path__gt=practice.path).order_by("path").first()
    )


def _append_to_revisions(Revision, lesson, blocks):
    for revision_id in {lesson.latest_revision_id, lesson.live_revision_id} - {None}:
        revision = Revision.objects.filter(pk=revision_id).first()
        if revision is None or "body" not in revision.content:
            continue
        body = revision.content["body"]
        body = json.loads(body) if isinstance(body, str) else (body or [])
        known = {block.get("id") for block in body}
        body += [block for block in blocks if block.get("id") not in known]
        revision.content["body"] = json.dumps(body)
        revision.save(update_fields=["content"])


def move_practice_into_lessons(apps, schema_editor):
    PracticePage = apps.get_model("practice", "PracticePage")
    PracticeRun = apps.get_model("practice", "PracticeRun")
    PracticeCompletion = apps.get_model("practice", "PracticeCompletion")
    LessonPage = apps.get_model("lessons", "LessonPage")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    practices = list(PracticePage.objects.order_by("path"))
    if not practices:
        return
    for practice in practices:
        lesson = _target_lesson(LessonPage, practice)
        if lesson is None:
            PracticeRun.objects.filter(page_id=practice.pk).delete()
            continue
        raw = practice.activities.raw_data if hasattr(practice.activities, "raw_data") else practice.activities
        blocks = [dict(block) for block in (raw or [])]
        body = _raw_body(LessonPage, lesson.pk)
        known = {block.get("id") for block in body}
        body += [block for block in blocks if block.get("id") not in known]
        LessonPage.objects.filter(pk=lesson.pk).update(body=body)
        _append_to_revisions(Revision, lesson, blocks)
        PracticeRun.objects.filter(page_id=practice.pk).update(lesson_id=lesson.pk, page_id=None)
    ids = [practice.pk for practice in practices]
    parents = {practice.path[:-4] for practice in practices}
    content_type = ContentType.objects.filter(app_label="practice", model="practicepage").first()
    PracticeCompletion.objects.all().delete()
    if content_type is not None:
        Revision.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in ids]).delete()
        for app_label, model_name in (("wagtailcore", "ReferenceIndex"), ("wagtailsearch", "IndexEntry")):
            try:
                model = apps.get_model(app_label, model_name)
            except LookupError:
                continue
            model.objects.filter(content_type=content_type).delete()
    PracticePage.objects.filter(pk__in=ids).delete()
    for parent in Page.objects.filter(path__in=parents):
        parent.numchild = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
        parent.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("practice", "0002_practicerun_lesson"),
    ]

    operations = [migrations.RunPython(move_practice_into_lessons, migrations.RunPython.noop)]
