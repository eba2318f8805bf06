import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_thai_home_renders_with_shipped_font_at_phone_width_and_switches_to_english(live_server, phone, axe):
    from lessons.demo import ensure_site

    ensure_site()
    phone.goto(live_server.url + "/th/")
    assert phone.locator("html").get_attribute("lang") == "th"
    assert "ศูนย์ดิจิทัลชุมชน" in phone.locator("h1").inner_text()
    phone.evaluate("document.fonts.ready")
    assert phone.evaluate("document.fonts.check('16px \"Noto Sans Thai\"', 'ศูนย์')")
    loaded = phone.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Noto Sans Thai" in family for family in loaded)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(phone) == []
    phone.get_by_role("link", name="English").click()
    phone.wait_for_url("**/en/")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.locator("h1").inner_text() == "Community Digital Centre"


def test_thai_pages_do_not_download_the_latin_font_and_english_pages_get_it(live_server, phone):
    from lessons.demo import ensure_site

    ensure_site()
    fonts = []
    phone.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    phone.goto(live_server.url + "/th/")
    phone.evaluate("document.fonts.ready")
    assert not [url for url in fonts if "latin" in url], fonts
    phone.goto(live_server.url + "/en/")
    phone.evaluate("document.fonts.ready")
    loaded = phone.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Noto Sans Latin" in family for family in loaded), loaded
