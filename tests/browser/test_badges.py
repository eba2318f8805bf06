"""On a 360×740 phone: download the badge picture, share the certificate, open the public share page,
and check the downloaded badge on the verify page."""

import io

import pytest
from PIL import Image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_download_badge_share_and_verify(live_server, phone, browser, axe, tmp_path, settings):
    from django.core.cache import cache

    from certificates import services
    from certificates.badges import images, keys
    from lessons.demo import ensure_site
    from tests.factories import DEFAULT_PASSWORD, CentreFactory, UserFactory, build_course, complete

    settings.BADGES_KEY_DIR = tmp_path / "keys"
    settings.PUBLIC_BASE_URL = live_server.url
    keys._cache.clear()
    cache.clear()
    _home, catalog = ensure_site()
    course, lessons = build_course(catalog, slug="badge-course", auto_issue=False)
    centre = CentreFactory(name_th="ศูนย์ดิจิทัลชุมชนวัดพระสิงห์", name_en="Wat Phra Singh Community Digital Centre")
    learner = UserFactory(username="boonmee", display_name="นางบุญมี ทองดี", home_centre=centre, mobile="0812345678")
    complete(learner, lessons)
    certificate, _created = services.issue(learner, course)
    url = live_server.url

    phone.goto(url + "/th/accounts/sign-in/")
    phone.get_by_label("ชื่อผู้ใช้หรือหมายเลขโทรศัพท์มือถือ").fill("boonmee")
    phone.get_by_label("รหัสผ่าน").fill(DEFAULT_PASSWORD)
    phone.get_by_role("button", name="เข้าสู่ระบบ").click()
    phone.wait_for_url(url + "/th/", wait_until="domcontentloaded")

    phone.goto(url + "/th/learning/")
    section = phone.locator(".my-certificates")
    assert no_horizontal_scroll(phone)
    with phone.expect_download() as download_info:
        section.get_by_role("link", name="ดาวน์โหลดเหรียญตราดิจิทัล (ภาพ)").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    assert path.name == f"badge-{certificate.code}.png"
    assert images.unbake(path.read_bytes()).count(".") == 2  # the compact JWS inside the picture

    section.get_by_role("button", name="แชร์ใบประกาศนียบัตรนี้").click()
    phone.wait_for_url(url + f"/th/badges/{certificate.code}/", wait_until="domcontentloaded")
    share_url = phone.locator("#share-link").input_value()
    assert share_url == url + f"/th/badges/{certificate.code}/"
    assert phone.get_by_role("link", name="แชร์ทาง LINE").count() == 1
    phone.get_by_role("button", name="คัดลอกลิงก์").wait_for()  # shown by static/js/badge-share.js
    assert no_horizontal_scroll(phone)
    assert axe(phone) == []

    # Someone in the LINE chat opens the link: no account, a card image of the right size.
    stranger = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    public = stranger.new_page()
    public.goto(share_url)
    assert public.locator("h1").inner_text() == "นางบุญมี ทองดี"
    og_image = public.locator("meta[property='og:image']").get_attribute("content")
    picture = public.request.get(og_image)
    assert picture.ok and picture.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(picture.body())).size == (1200, 630)
    assert public.locator("img.badge-preview").evaluate("img => img.naturalWidth") == 1200
    assert "0812345678" not in public.content() and "boonmee" not in public.content()
    assert no_horizontal_scroll(public)

    # An employer checks the badge picture the learner sent.
    public.goto(url + "/th/verify/badge/")
    public.set_input_files("input[type=file]", str(path))
    public.get_by_role("button", name="ตรวจสอบ").click()
    public.wait_for_load_state("domcontentloaded")
    assert "ถูกต้อง: เป็นของจริงและไม่ถูกเพิกถอน" in public.locator(".cert-status[role=status]").inner_text()
    assert "นางบุญมี ทองดี" in public.locator(".cert-facts").inner_text()
    stranger.close()
