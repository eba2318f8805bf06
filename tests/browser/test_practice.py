"""Playing every kind of practice block to the end inside a lesson in Chromium on a 360×740 phone: in Thai with
htmx (no page reload) and in English with JavaScript off (plain form posts). No request ever leaves the site."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def practice_setup(live_server):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from lessons.demo import ensure_site
    from tests.factories import UserFactory, make_course, make_practice
    from tests.practice.test_translation import translate_practice

    _home, catalog = ensure_site()
    course, lessons = make_course(catalog, slug="safety", lessons=1, title="ใช้อินเทอร์เน็ตอย่างปลอดภัย")
    practice = make_practice(course)
    holder = type("Holder", (), {})()
    holder.course, holder.practice, holder.lessons = course, practice, lessons
    english, _paths = translate_practice(holder)
    user = UserFactory()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "learners.backends.UsernameOrMobileBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}
    return {
        "base": live_server.url,
        "th": live_server.url + practice.url,
        "en": live_server.url + english.url,
        "practice": practice,
        "user": user,
        "cookie": cookie,
    }


def watch_requests(page, base):
    """Every URL the page asks for that is not on the site under test."""
    outside = []
    page.on("request", lambda request: None if request.url.startswith(base) else outside.append(request.url))
    return outside


def tap_targets_ok(page, scope):
    sizes = page.evaluate(
        f"[...document.querySelectorAll('{scope} label.quiz-option, {scope} button, {scope} input.fake-input')]"
        ".map(e => e.getBoundingClientRect().height)"
    )
    return not sizes or min(sizes) >= 44


def play_everything(page, text, check=None):
    """Play the four activities to the end; ``text(thai)`` gives the label in the page's language."""
    sim = page.locator("#activity-sim")
    expect(sim.locator(".sim-link")).to_have_text("http://thai-parcel.xyz/pay")
    assert sim.locator("a").count() == 0  # the address in the message is not a link
    assert tap_targets_ok(page, "#activity-sim")
    sim.get_by_role("button", name=text("กดลิงก์")).click()
    expect(page.locator("#activity-sim .sim-consequence")).to_contain_text(text("เปิดหน้าเว็บปลอม"))
    expect(page.locator("#activity-sim .bubble.from-them").last).to_have_text(text("ชำระค่าส่ง 25 บาท"))
    if check:
        check()
    page.locator("#activity-sim").get_by_role("button", name=text("ปิดหน้าและโทร 1441")).click()
    expect(page.locator("#activity-sim .practice-result")).to_be_visible()

    for item, verdict, reason in (("i1", "fake", "ที่อยู่เว็บแปลก"), ("i2", "real", "ราคาถูกเกินไป")):
        spot = page.locator("#activity-spot")
        expect(spot.locator("input[name=item]")).to_have_value(item)
        assert tap_targets_ok(page, "#activity-spot")
        spot.locator(f"input[name=verdict][value={verdict}]").check()
        spot.get_by_label(text(reason), exact=True).check()
        spot.locator("button[type=submit]").click()
        expect(page.locator("#activity-spot .spot-answered")).to_have_count(1 if item == "i1" else 2)
    expect(page.locator("#activity-spot .practice-result")).to_be_visible()

    price = page.locator("#activity-price")
    price.locator("input[name=price-shopee]").fill("80")
    price.locator("input[name=price-line]").fill("90")
    price.locator("button[type=submit]").click()
    expect(page.locator("#activity-price .price-row.loss")).to_have_count(1)
    expect(page.locator("#activity-price .price-row.loss .price-profit")).to_contain_text("-5.00")
    price = page.locator("#activity-price")
    price.locator("input[name=price-shopee]").fill("100")
    price.locator("input[name=price-line]").fill("120")
    price.locator("button[type=submit]").click()
    expect(page.locator("#activity-price .price-row.right")).to_have_count(2)

    form = page.locator("#activity-form")
    assert tap_targets_ok(page, "#activity-form")
    for key, decision in (("name", "fill"), ("otp", "leave"), ("pin", "fill")):
        form.locator(f"input[name=field-{key}][value={decision}]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("#activity-form .form-review li")).to_have_count(3)
    expect(page.locator("#activity-form .form-review li.wrong")).to_contain_text(text("ธนาคารไม่เคยถาม"))


def test_play_every_activity_with_htmx_in_thai_on_a_phone(browser, practice_setup, axe):
    from practice.models import PracticeRun

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    context.add_cookies([practice_setup["cookie"]])
    phone = context.new_page()
    outside = watch_requests(phone, practice_setup["base"])
    phone.goto(practice_setup["th"])
    expect(phone.locator(".practice-banner")).to_have_count(4)  # one per practice block, inside the lesson
    expect(phone.locator("#activity-sim .practice-banner")).to_contain_text("ฝึกปฏิบัติ")
    assert axe(phone) == []
    phone.evaluate("window.__marker = 1")

    def mid_way_checks():
        assert axe(phone) == []
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    play_everything(phone, lambda thai: thai, check=mid_way_checks)
    assert phone.evaluate("window.__marker") == 1  # the same document all along: no page reload
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(phone) == []
    assert outside == []
    user, page = practice_setup["user"], practice_setup["practice"]
    assert PracticeRun.objects.filter(user=user, completed=True).count() == 4
    assert set(PracticeRun.objects.filter(user=user).values_list("lesson_id", flat=True)) == {page.pk}
    expect(phone.locator(".practice-done")).to_have_count(4)  # each block inside the lesson says it is finished
    # Practise again without a reload.
    phone.locator("#activity-sim").get_by_role("button", name="ฝึกอีกครั้ง").click()
    expect(phone.locator("#activity-sim .sim-feedback")).to_have_count(0)
    assert phone.evaluate("window.__marker") == 1
    context.close()


def test_play_every_activity_with_javascript_off_in_english(browser, practice_setup, axe):
    from practice.models import PracticeChoice, PracticeRun

    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    context.add_cookies([practice_setup["cookie"]])
    page = context.new_page()
    outside = watch_requests(page, practice_setup["base"])
    page.goto(practice_setup["en"])
    expect(page.locator("#activity-sim .practice-banner")).to_contain_text("Everything here is made up for practice.")
    # A price that is not a number: an English message, nothing stored.
    page.locator("#activity-price input[name=price-shopee]").fill("a hundred")
    page.locator("#activity-price input[name=price-line]").fill("90")
    page.locator("#activity-price button[type=submit]").click()
    expect(page.locator("#activity-price [role=alert]")).to_have_text(
        "Please enter the price as a number of baht, e.g. 120 or 99.50."
    )
    assert PracticeChoice.objects.count() == 0
    page.goto(practice_setup["en"])

    def after_first_choice():
        assert "#activity-sim" in page.url  # PRG: back on the page at the activity
        page.reload()  # a refresh shows the same state and stores nothing twice
        expect(page.locator("#activity-sim .sim-feedback")).to_have_count(1)

    play_everything(page, lambda thai: f"EN {thai}", check=after_first_choice)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert outside == []
    assert PracticeRun.objects.filter(user=practice_setup["user"], completed=True).count() == 4
    assert PracticeChoice.objects.filter(run__activity_key="sim").count() == 2
    context.close()


def test_anonymous_visitor_plays_a_simulation_with_javascript_off(browser, practice_setup):
    from practice.models import PracticeRun

    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(practice_setup["th"])
    page.locator("#activity-sim").get_by_role("button", name="เปิดแอปขนส่งเอง").click()
    expect(page.locator("#activity-sim .practice-result")).to_have_text("คุณเลือกทางที่ปลอดภัย 1 จาก 1 ครั้ง")
    assert PracticeRun.objects.count() == 0
    context.close()
