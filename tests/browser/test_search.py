import pytest

from tests.factories import make_course, make_lesson
from tests.lessons.test_search import PASSWORD_BODY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("search_index")]


@pytest.fixture
def thai_lesson():
    from lessons.demo import ensure_site

    home, catalog = ensure_site()
    course, _ = make_course(catalog, "safe-internet", 0, "ใช้อินเทอร์เน็ตอย่างปลอดภัย", summary="รู้ทันกลโกงและดูแลบัญชีของตัวเอง")
    return make_lesson(course, "strong-accounts", title="บัญชีที่แข็งแรง", body=PASSWORD_BODY)


def test_search_from_the_nav_on_a_phone_then_live_results(live_server, phone, axe, thai_lesson):
    phone.goto(live_server.url + "/th/")
    phone.locator(".menu-button").click()  # search lives in the menu
    phone.get_by_role("searchbox", name="ค้นหาหลักสูตรและบทเรียน").fill("รหัสผ่าน")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/th/learning/search/?q=*")
    result = phone.locator(".search-results li")
    assert result.count() == 1
    assert "บัญชีที่แข็งแรง" in result.inner_text() and "บทเรียน" in result.inner_text()
    assert phone.locator(".search-results mark").first.inner_text() == "รหัสผ่าน"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(phone) == []

    # Typing in the search box updates the results in place (htmx) and keeps the address shareable.
    phone.get_by_role("searchbox", name="คำที่ต้องการค้นหา").fill("ทุเรียน")
    phone.locator("#search-results").get_by_text("ไม่พบหลักสูตรหรือบทเรียน").wait_for()
    assert "q=%E0%B8%97%E0%B8%B8" in phone.url  # ทุ...
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(phone) == []

    phone.get_by_role("searchbox", name="คำที่ต้องการค้นหา").fill("ยืนยันตัวตน")
    phone.get_by_role("link", name="บัญชีที่แข็งแรง").click()
    phone.wait_for_url("**/strong-accounts/")


def test_search_works_without_javascript(live_server, browser, thai_lesson):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/en/learning/search/")
        page.get_by_role("searchbox", name="Word to look for").fill("password")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/en/learning/search/?q=password")
        assert "No courses or lessons found for “password”" in page.locator("main").inner_text()
        page.goto(live_server.url + "/th/learning/search/")
        page.get_by_role("searchbox", name="คำที่ต้องการค้นหา").fill("รหัสผ่าน")
        page.get_by_role("button", name="ค้นหา").click()
        assert page.locator(".search-results li").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
