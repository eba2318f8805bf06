"""Test settings for a real gunicorn + ``db_worker`` on a SQLite file (``test_sqlite_load``): tasks go to the
database queue, as on a centre's machine, instead of running inline."""

from lms.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
