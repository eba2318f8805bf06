"""A backup restores into an empty database: the site then serves the same courses, progress and certificates."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from certificates import services as certificates
from lessons import services as lessons
from tests.factories import UserFactory, build_course, make_image

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)

CHECK = """
import json
from django.test import Client
from certificates.models import Certificate
from lessons.models import CoursePage, LessonProgress
client = Client()
course = CoursePage.objects.get(slug="safe-selling", locale__language_code="th")
certificate = Certificate.objects.get()
page = client.get(course.url)
verify = client.get(f"/th/verify/{certificate.code}/")
print(json.dumps({
    "course": [page.status_code, course.title in page.content.decode()],
    "verify": [verify.status_code, certificate.learner_name in verify.content.decode()],
    "progress": sorted(LessonProgress.objects.values_list("user__username", "lesson__slug")),
}, ensure_ascii=False))
"""


def empty_database():
    """A URL for a new, empty database on the same server (dropped by the caller), or a new SQLite file."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return None
    name = f"{settings['NAME']}_restore"
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname="postgres", autocommit=True
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}", name


def drop(name):
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname="postgres", autocommit=True
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "lms.settings.test"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_backup_then_restore_into_an_empty_database_serves_the_same_site(site, tmp_path):
    course, course_lessons = build_course(site["catalog"])
    learner = UserFactory(username="somchai", first_name="สมชาย", last_name="ใจดี")
    for lesson in course_lessons:
        lessons.mark_done(learner, lesson)
    certificate = certificates.issue(learner, course)
    image = make_image("ภาพสินค้า.png")
    image_bytes = Path(image.file.path).read_bytes()

    out = io.StringIO()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    folder = Path(out.getvalue().strip())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["certificates"] == 1 and manifest["counts"]["lesson progress"] == 2

    if connection.vendor == "sqlite":
        database_url, name = f"sqlite:///{tmp_path / 'restored.sqlite3'}", None
    else:
        database_url, name = empty_database()
    try:
        media = tmp_path / "restored-media"
        restored = manage("restore", str(folder), "--media-root", str(media), database_url=database_url)
        assert restored.returncode == 0, restored.stderr
        assert "every count matches" in restored.stdout

        again = manage("restore", str(folder), "--media-root", str(media), database_url=database_url)
        assert again.returncode != 0 and "not empty" in again.stderr

        checked = manage("shell", "-c", CHECK, database_url=database_url)
        assert checked.returncode == 0, checked.stderr
        served = json.loads(checked.stdout.strip().splitlines()[-1])
        assert served["course"] == [200, True]
        assert served["verify"] == [200, True], certificate.code
        assert served["progress"] == sorted(["somchai", lesson.slug] for lesson in course_lessons)
        assert (media / image.file.name).read_bytes() == image_bytes
    finally:
        if name:
            drop(name)


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(tmp_path))
