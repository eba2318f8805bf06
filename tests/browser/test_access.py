"""Made for older and first-time learners (issue #16 items 2-5) on a 360×740 phone, in Thai and English:
a one-row header with a menu that works without JavaScript, large text and high contrast remembered without
JavaScript, no horizontal scrolling at 200 % text, axe clean at both sizes, clear next steps."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_certificates import finish_demo_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True}
COURSE = "/{lang}/courses/online-selling/"
LESSON = COURSE + "photograph-your-products/"
WORDS = {
    "th": {"sign_in": "เข้าสู่ระบบ", "sign_up": "สมัครสมาชิก", "largest": "ใหญ่มาก", "contrast": "สีเข้มชัด"},
    "en": {"sign_in": "Sign in", "sign_up": "Sign up", "largest": "Largest", "contrast": "High contrast"},
}


@pytest.fixture
def learner_done(live_server, settings, tmp_path):
    """A learner who finished the online-selling demo course (certificate issued), signed in by cookie,
    plus a revoked certificate to verify."""
    from django.conf import settings as django_settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import cache

    from certificates.models import Certificate
    from lessons.demo import ensure_site
    from quizzes.models import QuizAttempt
    from tests.factories import UserFactory

    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # the verification rate limit
    _home, catalog = ensure_site()
    learner = UserFactory(username="boonmee", display_name="นางบุญมี ทองดี")
    course = finish_demo_course(catalog, learner)
    certificate = Certificate.objects.get(learner=learner, status="valid")
    attempt = QuizAttempt.objects.get(user=learner)
    from certificates.services import issue, revoke

    revoked, _created = issue(UserFactory(display_name="นายสมชาย ใจดี"), course, require_completion=False)
    revoke(revoked, "ออกผิดคน")
    session = SessionStore()
    session[SESSION_KEY] = str(learner.pk)
    session[BACKEND_SESSION_KEY] = "learners.backends.UsernameOrMobileBackend"
    session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
    session.save()
    cookie = {"name": django_settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}
    return {
        "learner": learner,
        "course": course,
        "certificate": certificate,
        "revoked": revoked,
        "quiz_result": f"{attempt.quiz.url}?attempt={attempt.pk}",
        "cookie": cookie,
    }


def new_phone(browser, csp_guard, **options):
    return csp_guard(browser.new_context(**PHONE, **options))


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_header_is_one_row_of_at_most_64_px_with_a_menu_that_works(live_server, phone, learner_done, lang):
    words = WORDS[lang]
    phone.goto(live_server.url + LESSON.format(lang=lang))
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= 64, header
    row = [phone.locator(sel).bounding_box() for sel in (".brand", ".lang", ".menu-button")]
    assert max(box["y"] + box["height"] / 2 for box in row) - min(box["y"] + box["height"] / 2 for box in row) < 8
    assert not phone.locator(".menu-panel").is_visible()
    phone.locator(".menu-button").click()
    for name in (words["sign_in"], words["sign_up"]):
        link = phone.locator(".menu-panel").get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert link.bounding_box()["height"] >= 44 and "button" in link.get_attribute("class").split()
    search = phone.locator(".menu-panel input[type=search]")
    search.fill("ราคา" if lang == "th" else "price")
    search.press("Enter")
    phone.wait_for_url(f"**/{lang}/learning/search/?q=*")
    # Forgot password: from the sign-in page to the page about centre staff.
    phone.goto(live_server.url + f"/{lang}/accounts/sign-in/")
    phone.get_by_role("link", name="ลืมรหัสผ่าน?" if lang == "th" else "Forgot your password?").click()
    phone.wait_for_url(f"**/{lang}/accounts/forgot-password/")
    assert ("เจ้าหน้าที่ศูนย์" if lang == "th" else "centre staff") in phone.locator("main").inner_text()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_large_text_and_contrast_survive_a_reload_with_javascript_off(
    browser, csp_guard, live_server, learner_done, lang
):
    words = WORDS[lang]
    context = new_phone(browser, csp_guard, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + LESSON.format(lang=lang))
    normal = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.lesson-body p')).fontSize)")
    page.locator(".menu-button").click()  # <details>: opens without JavaScript
    with page.expect_navigation(url="**" + LESSON.format(lang=lang)):  # the POST, then back where the learner was
        page.locator(".menu-panel").get_by_role("button", name=words["largest"]).click()
    page.reload()
    assert page.evaluate("document.documentElement.className") == "text-200"
    large = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.lesson-body p')).fontSize)")
    assert large == pytest.approx(2 * normal)
    assert no_horizontal_scroll(page)
    page.locator(".menu-button").click()
    expect(page.locator(".menu-panel").get_by_role("button", name=words["largest"])).to_have_attribute(
        "aria-pressed", "true"
    )
    with page.expect_navigation(url="**" + LESSON.format(lang=lang)):
        page.locator(".menu-panel").get_by_role("button", name=words["contrast"]).click()
    page.reload()
    assert page.evaluate("document.documentElement.className") == "text-200 high-contrast"
    ink = page.evaluate("getComputedStyle(document.querySelector('.lesson-body p')).color")
    assert ink == "rgb(0, 0, 0)"
    context.close()


def learner_pages(data, lang):
    course = COURSE.format(lang=lang)
    code = data["certificate"].code
    return {
        "visitor": [
            f"/{lang}/",
            f"/{lang}/courses/",
            course,
            LESSON.format(lang=lang),
            f"/{lang}/learning/search/?q=" + ("ราคา" if lang == "th" else "price"),
            f"/{lang}/accounts/sign-in/",
            f"/{lang}/accounts/sign-up/",
            f"/{lang}/accounts/forgot-password/",
            f"/{lang}/accounts/display/",
            f"/{lang}/verify/",
            f"/{lang}/verify/{code}/",
            f"/{lang}/verify/{data['revoked'].code}/",
            f"/{lang}/verify/ABCD-EFGH-JKMN/",
        ],
        "learner": [
            f"/{lang}/learning/",
            course,
            LESSON.format(lang=lang),
            data["quiz_result"].replace("/th/", f"/{lang}/", 1),
            f"/{lang}/accounts/my-data/",
        ],
    }


@pytest.mark.console_errors  # the not-found verification page answers 404, which Chromium logs
@pytest.mark.parametrize("lang", ["th", "en"])
def test_learner_pages_fit_at_200_percent_and_are_axe_clean_at_both_sizes(
    browser, csp_guard, live_server, learner_done, axe, lang
):
    problems = []
    for who, paths in learner_pages(learner_done, lang).items():
        for size in ("t100-c0", "t200-c0"):
            context = new_phone(browser, csp_guard)
            cookies = [{"name": "display", "value": size, "url": live_server.url}]
            if who == "learner":
                cookies.append(learner_done["cookie"])
            context.add_cookies(cookies)
            page = context.new_page()
            for path in paths:
                page.goto(live_server.url + path)
                if not no_horizontal_scroll(page):
                    wide = page.evaluate(
                        """[...document.querySelectorAll('body *')]
                             .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                             .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
                    )
                    problems.append((who, size, path, "scrolls sideways", wide))
                if size == "t200-c0" and page.evaluate("document.documentElement.className") != "text-200":
                    problems.append((who, size, path, "not at 200 %"))
                violations = axe(page)
                if violations:
                    problems.append((who, size, path, violations))
            context.close()
    assert problems == []


def test_mark_as_done_is_in_reach_and_primary_over_next_until_pressed(
    browser, csp_guard, live_server, learner_done, axe
):
    from lessons.models import LessonProgress

    LessonProgress.objects.filter(user=learner_done["learner"]).delete()
    context = new_phone(browser, csp_guard)
    context.add_cookies([learner_done["cookie"]])
    page = context.new_page()
    page.goto(live_server.url + LESSON.format(lang="th"))
    button = page.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบแล้ว")
    box = button.bounding_box()
    assert page.evaluate("document.documentElement.scrollHeight") > 2 * 740  # a long lesson
    assert box["y"] + box["height"] <= 740 and box["height"] >= 44  # visible at the top, no scrolling
    colours = """() => ({done: getComputedStyle(document.querySelector('.mark-done')).backgroundColor,
                         next: getComputedStyle(document.querySelector('.pager-next')).backgroundColor})"""
    before = page.evaluate(colours)
    assert before["done"] == "rgb(11, 94, 138)" and before["next"] == "rgb(255, 255, 255)"
    assert axe(page) == []
    context.add_cookies([{"name": "display", "value": "t200-c1", "url": live_server.url}])
    page.reload()  # largest text, high contrast: the bar still fits and is still in reach
    box = button.bounding_box()
    assert box["y"] + box["height"] <= 740 and no_horizontal_scroll(page) and axe(page) == []
    button.click()
    expect(page.locator(".done-note")).to_be_visible()
    after = page.evaluate("getComputedStyle(document.querySelector('.pager-next')).backgroundColor")
    assert after == "rgb(0, 50, 90)"  # the high-contrast brand colour: "next" is now the primary button
    context.close()


def test_the_passed_quiz_offers_the_certificate_and_the_course(browser, csp_guard, live_server, learner_done):
    context = new_phone(browser, csp_guard)
    context.add_cookies([learner_done["cookie"]])
    page = context.new_page()
    page.goto(live_server.url + learner_done["quiz_result"])
    expect(page.locator(".quiz-result h2")).to_have_text("คุณผ่านแล้ว!")
    get = page.get_by_role("link", name="รับใบประกาศนียบัตร")
    expect(get).to_have_attribute("href", f"/th/certificates/{learner_done['certificate'].pk}/pdf/")
    back = page.get_by_role("link", name="กลับไปหน้าหลักสูตร")
    expect(back).to_have_attribute("href", learner_done["course"].url)
    assert (
        get.bounding_box()["y"]
        < back.bounding_box()["y"]
        < page.get_by_role("button", name="ทำอีกครั้ง").bounding_box()["y"]
    )
    assert get.bounding_box()["y"] + get.bounding_box()["height"] <= 740  # on the first screen
    context.close()


@pytest.mark.console_errors  # the not-found page answers 404
def test_the_verify_verdict_is_the_biggest_thing_with_icon_colour_and_words(phone, live_server, learner_done):
    cases = [
        (learner_done["certificate"].code, "ใบประกาศนียบัตรนี้ใช้ได้", "✓"),
        (learner_done["revoked"].code, "ใช้ไม่ได้: ถูกเพิกถอนแล้ว", "✕"),
        ("ABCD-EFGH-JKMN", "ไม่พบใบประกาศนียบัตร", "?"),
    ]
    colours = set()
    for code, words, icon in cases:
        phone.goto(f"{live_server.url}/th/verify/{code}/")
        verdict = phone.locator(".verdict")
        expect(verdict.locator("h1")).to_have_text(words)
        assert verdict.locator(".verdict-icon").inner_text() == icon
        box = verdict.bounding_box()
        assert box["y"] < 200 and box["width"] >= 300  # at the top, across the screen
        biggest = phone.evaluate(
            "Math.max(...[...document.querySelectorAll('main *')].filter(e => !e.closest('.verdict'))"
            ".map(e => parseFloat(getComputedStyle(e).fontSize)))"
        )
        assert float(verdict.locator("h1").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) > biggest
        colours.add(verdict.evaluate("e => getComputedStyle(e).borderTopColor + getComputedStyle(e).borderTopStyle"))
    assert len(colours) == 3
    # The code never breaks inside a group.
    phone.goto(f"{live_server.url}/th/verify/{learner_done['certificate'].code}/")
    heights = phone.evaluate("[...document.querySelectorAll('.cert-code > span')].map(e => e.getClientRects().length)")
    assert heights == [1, 1, 1]


def test_course_pictures_link_and_facts_do_not_look_like_buttons(phone, live_server, learner_done):
    phone.goto(live_server.url + "/th/courses/")
    card = phone.locator(".course-card").filter(has_text=learner_done["course"].title)
    picture = card.locator("a.course-card-picture")
    assert picture.get_attribute("href") == learner_done["course"].url
    fact = card.locator(".facts span").first
    assert fact.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    picture.click()
    phone.wait_for_url("**" + learner_done["course"].url)
    phone.goto(live_server.url + LESSON.format(lang="th"))
    arrow = phone.evaluate("getComputedStyle(document.querySelector('.lesson-outline summary'), '::before').content")
    assert arrow == '"▸"'


@pytest.mark.parametrize("lang", ["th", "en"])
def test_one_tap_on_a_lesson_enlarges_the_text_with_javascript_off(browser, csp_guard, live_server, learner_done, lang):
    context = new_phone(browser, csp_guard, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + LESSON.format(lang=lang))
    tap = page.locator("form.text-size-tap button[name=text_size]")
    expect(tap).to_be_visible()  # on the page itself, not inside the closed menu
    assert tap.bounding_box()["y"] < 740 and tap.bounding_box()["height"] >= 44
    with page.expect_navigation(url="**" + LESSON.format(lang=lang)):
        tap.click()
    page.reload()
    assert page.evaluate("document.documentElement.className") == "text-150"
    assert no_horizontal_scroll(page)
    context.close()
