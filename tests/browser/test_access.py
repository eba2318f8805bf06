"""Made for older and first-time learners (issue #16 items 2-5) on a 360×740 phone, in Thai and English:
a one-row header, large text and high contrast without JavaScript, clear next steps, axe at both sizes."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True}
LESSON = "/{lang}/courses/online-selling/photograph-your-products/"


@pytest.fixture
def demo_course(settings, tmp_path):
    from lessons.demo import ensure_site
    from tests.factories import load_demo_course

    settings.MEDIA_ROOT = tmp_path
    _home, catalog = ensure_site()
    return load_demo_course(catalog)


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_header_is_one_row_of_at_most_64_px_with_a_menu_that_works(live_server, phone, demo_course, lang):
    phone.goto(live_server.url + LESSON.format(lang=lang))
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= 64, header
    row = [phone.locator(sel).bounding_box() for sel in (".brand", ".lang", ".menu-button")]
    assert max(box["y"] for box in row) - min(box["y"] for box in row) < 20  # one row
    phone.screenshot(path=f"/tmp/header-{lang}.png")
    assert not phone.locator(".menu-panel").is_visible()
    phone.locator(".menu-button").click()
    sign_in = "เข้าสู่ระบบ" if lang == "th" else "Sign in"
    sign_up = "สมัครสมาชิก" if lang == "th" else "Sign up"
    for name in (sign_in, sign_up):
        link = phone.locator(".menu-panel").get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert link.bounding_box()["height"] >= 44 and "button" in link.get_attribute("class")
    expect(phone.locator(".menu-panel input[type=search]")).to_be_visible()
    phone.screenshot(path=f"/tmp/menu-{lang}.png")
