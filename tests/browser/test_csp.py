"""The strict Content-Security-Policy in Chromium: htmx works, nothing is blocked, and a blocked inline
script is caught by ``csp_guard`` (which fails any browser test that causes a violation)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(live_server, phone):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from lessons.demo import ensure_site
    from tests.factories import UserFactory, make_course_with_lessons

    _home, catalog = ensure_site()
    course, lessons = make_course_with_lessons(catalog, slug="csp", lessons=2)
    user = UserFactory()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "learners.backends.UsernameOrMobileBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    phone.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )
    return {"user": user, "course": course, "lessons": lessons, "url": live_server.url}


def test_mark_done_with_htmx_under_the_policy(signed_in, phone):
    from lessons.models import LessonProgress

    url, lesson = signed_in["url"], signed_in["lessons"][0]
    response = phone.goto(url + lesson.url)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    phone.evaluate("window.__sameDocument = true")
    phone.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบแล้ว").click()
    phone.get_by_text("คุณเรียนบทนี้จบแล้ว").wait_for()
    assert phone.evaluate("window.__sameDocument") is True  # htmx swapped it in, no reload
    assert phone.locator("#lesson-progress .progress rect").get_attribute("width") == "50"
    bar_width = phone.locator("#lesson-progress .progress rect").bounding_box()["width"]
    assert bar_width > 100  # half of the bar is drawn without a style attribute
    assert phone.evaluate("document.querySelectorAll('style').length") == 0  # htmx injected no indicator styles
    assert LessonProgress.objects.filter(user=signed_in["user"], completed_at__isnull=False).count() == 1


@pytest.mark.console_errors  # the htmx post answers 404 on purpose
def test_a_failed_htmx_post_falls_back_to_a_normal_post(signed_in, phone):
    """site.js (not an hx-on handler, which would need eval) re-submits the form when htmx gets an error."""
    url, lesson = signed_in["url"], signed_in["lessons"][1]
    phone.goto(url + lesson.url)
    lesson.unpublish()
    phone.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบแล้ว").click()
    phone.get_by_role("heading", name="ไม่พบหน้านี้").wait_for()  # the full page: the lesson's sub-route is gone


@pytest.mark.console_errors  # the blocked script is the console error this test expects
def test_the_guard_catches_an_inline_script(live_server, phone, csp_guard, site):
    phone.goto(live_server.url + "/th/")
    phone.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                  document.body.append(s); }"""
    )
    phone.wait_for_timeout(200)
    assert phone.evaluate("window.__ran") is None
    assert any("script-src" in v for v in csp_guard.violations), csp_guard.violations
    csp_guard.violations.clear()  # expected here; any other violation still fails the test
