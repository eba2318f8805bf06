"""Reading a course on a 360 px phone, in Thai and English, with an axe-core check of every page type."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURSE = "/th/courses/online-selling/"
READER_PAGES = [
    "/th/",
    "/th/courses/",
    "/th/courses/online-selling/",
    "/th/courses/online-selling/photograph-your-products/",
    "/en/",
    "/en/courses/",
    "/en/courses/online-selling/",
    "/en/courses/online-selling/photograph-your-products/",
]
TAP_TARGETS = ".breadcrumbs a, .outline a, .pager a, main .button, .course-card h2 a, .course-card h3 a"


@pytest.fixture
def demo_course(settings, tmp_path):
    from lessons.demo import ensure_site
    from tests.factories import load_demo_course

    settings.MEDIA_ROOT = tmp_path
    _home, catalog = ensure_site()
    return load_demo_course(catalog)


def assert_readable_at_phone_width(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    small = page.evaluate(
        f"""[...document.querySelectorAll('{TAP_TARGETS}')]
              .filter(el => el.getBoundingClientRect().height < 44)
              .map(el => el.textContent.trim())"""
    )
    assert small == []


def test_phone_reader_opens_a_course_and_walks_to_the_next_lesson(live_server, phone, demo_course):
    phone.goto(live_server.url + "/th/courses/")
    phone.get_by_role("link", name=demo_course.title).click()
    phone.wait_for_url("**" + COURSE)
    assert_readable_at_phone_width(phone)
    phone.get_by_role("link", name="เริ่มเรียนหลักสูตรนี้").click()
    phone.wait_for_url("**/photograph-your-products/")
    assert_readable_at_phone_width(phone)

    text = phone.evaluate(
        """(() => { const s = getComputedStyle(document.querySelector('.lesson-body p'));
                   return {size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight)}; })()"""
    )
    assert text["size"] >= 16 and text["line"] >= 1.6 * text["size"]

    image = phone.locator(".block-image img").first
    image.scroll_into_view_if_needed()
    phone.wait_for_function("document.querySelector('.block-image img').currentSrc !== ''")
    chosen = phone.evaluate("document.querySelector('.block-image img').currentSrc")
    assert ".webp" in chosen and ("width-720" in chosen or "width-480" in chosen), chosen

    next_title = phone.locator(".pager-next .pager-title").inner_text()
    phone.locator(".pager-next").click()
    phone.wait_for_url("**/set-your-price/")
    assert phone.locator("h1").inner_text() == next_title
    assert phone.locator(".pager-previous").get_attribute("href").endswith("/photograph-your-products/")
    assert_readable_at_phone_width(phone)


def test_home_catalogue_course_and_lesson_pass_axe_in_both_languages(live_server, phone, axe, demo_course):
    violations = {}
    for path in READER_PAGES:
        phone.goto(live_server.url + path)
        assert phone.locator("h1").count() == 1, path
        assert_readable_at_phone_width(phone)
        found = axe(phone)
        if found:
            violations[path] = found
    assert violations == {}
