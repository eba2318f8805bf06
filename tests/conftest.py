import os

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


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    for item in items:
        # Every transactional test restores the migrated data it flushes, so test order never matters.
        # (A test that only asks for ``transactional_db`` or ``live_server`` counts too: its flush would
        # otherwise run post_migrate, whose fresh content types clash with the next restore.)
        marker = item.get_closest_marker("django_db")
        kwargs = marker.kwargs if marker is not None else {}
        transactional = kwargs.get("transaction") or {"transactional_db", "live_server"} & set(item.fixturenames)
        if transactional:
            if not (kwargs.get("transaction") and kwargs.get("serialized_rollback")):
                marked = {**kwargs, "transaction": True, "serialized_rollback": True}
                item.add_marker(pytest.mark.django_db(**marked), append=False)
            item.fixturenames.append("content_types_cached")

    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    if connection.vendor != "postgresql":
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip_pg)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Make Django's snapshot of the migrated database visible to every connection object.

    Transactional tests (browser, real task queue, races) flush all tables when they end and restore the
    snapshot the migrations left (tree root, locales, groups, workflow) — see ``serialized_rollback`` below.
    Django keeps that snapshot on the connection object, but once Playwright runs, the test thread can see
    another connection object, which then has no snapshot; keeping it on the class fixes that.
    """
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents
    with django_db_blocker.unblock():
        cache_content_types()


def cache_content_types():
    """Put every content type in Django's cache (see ``content_types_cached``)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models(include_auto_created=True), for_concrete_models=False)


@pytest.fixture
def content_types_cached():
    """Leave every content type in Django's cache when a transactional test ends, before its flush (the
    session starts with them all cached too).

    Restoring the migrated data for the next test builds Wagtail tasks, whose ``__init__`` asks for their
    content type: from an empty cache that query would recreate the row in the flushed table, and restoring
    the real row would then fail on its unique constraint (tests clear the cache after earlier flushes).
    """
    yield
    cache_content_types()


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: the site lookups and anonymous pages kept there name rows that an
    earlier test's rollback or flush removed (and whose ids the database may hand out again)."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield


@pytest.fixture
def site(db):
    """The demo site skeleton: Thai home page, English translation, catalogues."""
    from lessons.demo import ensure_site

    home, catalog = ensure_site()
    return {"home": home, "catalog": catalog}


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
