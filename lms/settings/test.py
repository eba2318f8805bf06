import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Files the tests write go to a folder per pytest-xdist worker (each worker has its own test database too).
TEST_FILES = BASE_DIR / "var" / f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"  # noqa: F405
MEDIA_ROOT = TEST_FILES / "media"
READ_ALOUD_ROOT = TEST_FILES / "read-aloud"
BADGES_KEY_DIR = TEST_FILES / "badge-keys"
READ_ALOUD_ON_PUBLISH = False  # tests that want audio turn it on (espeak-ng on every publish is slow)
# Tasks run inline in tests unless a test picks the database backend explicitly.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
AXES_ENABLED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The page cache is off unless a test turns it on (tests/pagecache): other tests change pages without publishing.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# Wagtail refreshes its search index (and, see tests/conftest.py, its reference index) in a task after every
# page save; tests run tasks inline, where that was half the cost of building a course. Tests that search turn
# it back on with the ``search_index`` fixture.
WAGTAILSEARCH_BACKENDS = {"default": {**WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}}  # noqa: F405
