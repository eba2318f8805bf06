"""A lesson from the page cache in Chromium: the one-tap larger text posts with its own CSRF token, with
JavaScript off and on (CSP and console watched)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LESSON = "/th/courses/cached/cached-first/"


@pytest.fixture
def cached_lesson(settings, site):
    from django.core.cache import cache

    from tests.factories import make_course, make_lesson

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    course, _ = make_course(site["catalog"], slug="cached", lessons=0)
    make_lesson(course, "cached-first", title="บทเรียนจากแคช")
    yield LESSON
    cache.clear()


def tap_larger_text(page):
    tap = page.locator("form.text-size-tap button[name=text_size]")
    with page.expect_navigation(url="**" + LESSON):
        tap.click()
    expect(page.locator("html")).to_have_class("text-150")


def test_a_cached_lesson_takes_a_form_post_with_javascript_off_and_on(
    browser, csp_guard, phone, live_server, cached_lesson
):
    url = live_server.url + cached_lesson
    assert phone.goto(url).headers["x-page-cache"] == "miss"
    no_script = csp_guard(browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False))
    try:
        page = no_script.new_page()
        assert page.goto(url).headers["x-page-cache"] == "hit"
        tap_larger_text(page)
    finally:
        no_script.close()
    phone.context.clear_cookies()
    assert phone.goto(url).headers["x-page-cache"] == "hit"
    tap_larger_text(phone)
