import os
import threading

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make around it
# are still synchronous, so Django's async-safety guard must be told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_JS = os.path.join(os.path.dirname(__file__), "browser", "vendor", "axe.min.js")


def is_transactional(item):
    """Browser/live-server, real task-queue and race tests run outside a test transaction."""
    marker = item.get_closest_marker("django_db")
    transaction = marker is not None and marker.kwargs.get("transaction")
    return bool(transaction or {"transactional_db", "live_server"} & set(item.fixturenames))


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    if connection.vendor != "postgresql":
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip_pg)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After the migrations, build the demo site skeleton once (see ``site``): committed, so every test's
    transaction starts with it and rolls back to it."""
    with django_db_blocker.unblock():
        from lessons.demo import ensure_site

        ensure_site()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """One transaction around a whole test module, for data that is slow to build (a demo course through
    wagtail-localize, the whole demo): a module-scoped fixture that asks for ``module_db`` builds it once, each
    test's own transaction (a savepoint inside this one) rolls back to it, and the module's end rolls it back.
    Only for modules without transactional tests; such fixtures hand each test fresh instances (e.g. a primary
    key to fetch), since a test may change the Python objects it is given."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    """One media folder for a test module whose module-scoped data has files (images of a demo course)."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


def restore_migrated_rows():
    """Put back what the data migrations created, after a transactional test flushed every table.

    Flushing runs ``post_migrate`` again (content types and model permissions come back, with new ids), but
    not the data migrations. This re-runs the project's own ones and recreates Wagtail's roots and the Thai
    locale (Wagtail's own migrations do that), then the site skeleton. Call it only once the workflow is gone:
    the migrations are not idempotent together (``create_roles`` finds the review workflow by the English name
    that ``to_thai`` then renames), so on a database that still has it they would add a second one. Wagtail's sample
    "Moderators"/"Editors" groups, its welcome page and its unused "Moderators approval" workflow are not
    recreated: the project uses none of them (``ensure_site`` deletes the welcome page).
    """
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    from lessons.demo import ensure_site

    ContentType.objects.clear_cache()
    thai, _ = Locale.objects.get_or_create(language_code="th")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=thai))
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    ensure_site()


# The project's data migrations, in migration order (``test_data_migrations_are_listed`` keeps this complete).
DATA_MIGRATIONS = [
    ("learners.migrations.0003_centre_staff_group", "create_group"),
    ("lessons.migrations.0002_roles_and_review_workflow", "create_roles"),
    ("backoffice.migrations.0001_thai_workflow_names", "to_thai"),
    ("certificates.migrations.0002_centre_staff_admin_access", "grant_admin_access"),
    ("reports.migrations.0001_national_staff_group", "create_group"),
]


class Requests:
    """Counts the requests Django is answering outside the test's own thread (the live server answers in
    threads of its own)."""

    def __init__(self):
        self.busy = 0
        self.idle = threading.Condition()

    def started(self, **kwargs):
        if threading.current_thread() is threading.main_thread():
            return
        with self.idle:
            self.busy += 1

    def finished(self, **kwargs):
        if threading.current_thread() is threading.main_thread():
            return
        with self.idle:
            self.busy -= 1
            self.idle.notify_all()

    def wait_idle(self, timeout=15):
        with self.idle:
            assert self.idle.wait_for(lambda: self.busy <= 0, timeout), f"{self.busy} requests still running"


REQUESTS = Requests()


@pytest.fixture(scope="session", autouse=True)
def _count_requests():
    from django.core.signals import request_finished, request_started

    request_started.connect(REQUESTS.started, dispatch_uid="tests.requests.started")
    request_finished.connect(REQUESTS.finished, dispatch_uid="tests.requests.finished")


@pytest.fixture(autouse=True)
def _live_server_idle(request):
    """A live-server test ends after its browser is closed and before the database is flushed: the flush waits
    for the live server to finish answering (on SQLite a request still reading would lock the tables)."""
    yield
    if "live_server" in request.fixturenames:
        REQUESTS.wait_idle()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, put the migrated rows back at once (committed), so the next test, of
    either kind and from whichever module a pytest-xdist worker is given next, starts from the migrated
    database. Only when the flush emptied the page tree (``restore_migrated_rows`` must not run twice)."""
    result = yield
    if nextitem is not None and is_transactional(item):
        from pytest_django.plugin import blocking_manager_key
        from wagtail.models import Page

        with item.config.stash[blocking_manager_key].unblock():
            if not Page.objects.filter(depth=1).exists():  # not after a skipped test: nothing was flushed
                restore_migrated_rows()
    return result


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language. Django leaves the last request's language active in
    the thread, so after a test that asked for an English page, ``reverse()`` in the next test on the same
    worker would give /en/ addresses."""
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: the site lookups and anonymous pages kept there name rows that an
    earlier test's rollback or flush removed (and whose ids the database may hand out again)."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _reference_index():
    """Wagtail's reference index (which pages use an image, a snippet, another page) is refreshed in a task after
    every save; tests run that task inline, where it was a third of the cost of building a course. No test reads
    it, so it is off in the test's own thread (the live server's threads keep it); a test that needs it can call
    ``ReferenceIndex.create_or_update_for_object``."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    with disable_reference_index_auto_update():
        yield


@pytest.fixture
def search_index(settings):
    """Pages saved during the test are indexed for search at once, as the task worker does in production (the
    test settings turn that off for the tests that do not search)."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": True} for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }


@pytest.fixture
def site(db):
    """The demo site skeleton: Thai home page, English translation, catalogues (built once per session by
    ``django_db_setup``; read it, or change it inside your test's transaction)."""
    from tests.factories import site_pages

    return site_pages()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _watch_console(page, request):
    """Collect console errors and uncaught exceptions; the test fails on any, unless marked ``console_errors``."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    if request.node.get_closest_marker("console_errors") is None:
        assert errors == [], f"console errors on the pages this test visited: {errors}"


# Reports every Content-Security-Policy violation in the page to the console, where ``csp_guard`` sees it.
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (e) => console.error(
  `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.documentURI}`));"""


@pytest.fixture
def csp_guard():
    """``csp_guard(context)`` records Content-Security-Policy violations in every page of the context;
    a test that caused any fails when it ends. Used by ``phone`` and ``desktop``."""
    violations = []

    def watch(context):
        context.add_init_script(CSP_LISTENER)

        def on_console(message):
            text = message.text
            if message.type == "error" and ("Content Security Policy" in text or text.startswith("CSP violation")):
                violations.append(text)

        context.on("console", on_console)
        return context

    watch.violations = violations
    yield watch
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def phone(browser, csp_guard, request):
    """A fresh browser context the size of a cheap Android phone (360×740)."""
    context = csp_guard(
        browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    )
    try:
        yield from _watch_console(context.new_page(), request)
    finally:
        context.close()


@pytest.fixture
def desktop(browser, csp_guard, request):
    context = csp_guard(browser.new_context(viewport={"width": 1280, "height": 900}))
    try:
        yield from _watch_console(context.new_page(), request)
    finally:
        context.close()


@pytest.fixture
def axe():
    """``axe(page)`` runs axe-core in the page and returns serious or critical violations."""
    with open(AXE_JS, encoding="utf-8") as fh:
        source = fh.read()

    def run(page):
        page.evaluate(source)  # not a <script> tag: the page's Content-Security-Policy forbids inline scripts
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return run
