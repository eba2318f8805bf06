"""Taking a quiz in Chromium on a 360×740 phone: with htmx (no page reload) and with JavaScript off."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
# q1 single, q2 multiple, q3 true/false, q4 single, q5 multiple (see tests/factories.quiz_questions)
ANSWERS = [
    ("q1", ["ตัวเลือก a ของ คำถามที่ 1"]),
    ("q2", ["ตัวเลือก a ของ คำถามที่ 2", "ตัวเลือก c ของ คำถามที่ 2"]),
    ("q3", ["จริง"]),  # wrong: the answer is "false"
    ("q4", ["ตัวเลือก a ของ คำถามที่ 4"]),
    ("q5", ["ตัวเลือก a ของ คำถามที่ 5", "ตัวเลือก c ของ คำถามที่ 5"]),
]


@pytest.fixture
def quiz_setup(live_server):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from lessons.demo import ensure_site
    from tests.factories import UserFactory, make_course, make_quiz, quiz_questions

    _home, catalog = ensure_site()
    course, lessons = make_course(catalog, slug="safety", lessons=1, title="ใช้อินเทอร์เน็ตอย่างปลอดภัย")
    quiz = make_quiz(course, questions=quiz_questions(5, lesson=lessons[0]))
    user = UserFactory()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "learners.backends.UsernameOrMobileBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}
    return {"url": live_server.url + quiz.url, "quiz": quiz, "user": user, "cookie": cookie, "lesson": lessons[0]}


def tap_targets_ok(page):
    sizes = page.evaluate(
        "[...document.querySelectorAll('#quiz label.quiz-option, #quiz button, #quiz a.button')]"
        ".filter(e => e.getClientRects().length)"  # shown ones (read aloud's pause / resume wait hidden)
        ".map(e => e.getBoundingClientRect().height)"
    )
    return sizes and min(sizes) >= 44


def test_answer_a_quiz_with_htmx_on_a_phone_without_reloading(browser, csp_guard, quiz_setup, axe):
    from quizzes.models import Answer, QuizAttempt

    context = csp_guard(browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True))
    context.add_cookies([quiz_setup["cookie"]])
    phone = context.new_page()
    phone.goto(quiz_setup["url"])
    phone.evaluate("window.__marker = 1")
    phone.get_by_role("button", name="เริ่มทำแบบทดสอบ").click()
    for number, (_key, choices) in enumerate(ANSWERS, start=1):
        expect(phone.locator("#quiz legend")).to_have_text(f"คำถามที่ {number}")
        assert phone.locator("#quiz .quiz-explanation").count() == 0  # not before answering
        assert tap_targets_ok(phone)
        for choice in choices:
            phone.locator("#quiz").get_by_label(choice, exact=True).check()
        phone.get_by_role("button", name="ตรวจคำตอบ").click()
        verdict = "ยังไม่ถูก" if number == 3 else "ถูกต้อง!"
        expect(phone.locator("#quiz .quiz-verdict")).to_have_text(verdict)
        expect(phone.locator("#quiz .quiz-explanation")).to_have_text(f"คำอธิบาย: คำถามที่ {number}")
        if number == 3:
            expect(phone.locator("#quiz li.is-correct")).to_contain_text("ไม่จริง")
            assert axe(phone) == []
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        link = "ดูผลของฉัน" if number == len(ANSWERS) else "คำถามข้อถัดไป"
        phone.get_by_role("link", name=link).click()
    expect(phone.locator("#quiz .quiz-score")).to_contain_text("80%")
    expect(phone.locator("#quiz .quiz-result h2")).to_have_text("คุณผ่านแล้ว!")
    assert phone.evaluate("window.__marker") == 1  # the same document all along: no page reload
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(phone) == []
    attempt = QuizAttempt.objects.get(user=quiz_setup["user"])
    assert (attempt.score, attempt.passed) == (80, True)
    assert Answer.objects.filter(attempt=attempt).count() == 5
    # Try again: a new attempt, again without a reload.
    phone.get_by_role("button", name="ทำอีกครั้ง").click()
    expect(phone.locator("#quiz legend")).to_have_text("คำถามที่ 1")
    assert phone.evaluate("window.__marker") == 1
    assert QuizAttempt.objects.filter(user=quiz_setup["user"]).count() == 2
    context.close()


def test_answer_a_quiz_with_javascript_off(browser, quiz_setup):
    from quizzes.models import Answer, QuizAttempt

    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    context.add_cookies([quiz_setup["cookie"]])
    page = context.new_page()
    page.goto(quiz_setup["url"])
    page.get_by_role("button", name="เริ่มทำแบบทดสอบ").click()
    page.wait_for_load_state()
    # An empty answer: a Thai message, the same question again, nothing stored.
    page.get_by_role("button", name="ตรวจคำตอบ").click()
    expect(page.locator("[role=alert]")).to_have_text("โปรดเลือกคำตอบก่อน")
    expect(page.locator("#quiz legend")).to_have_text("คำถามที่ 1")
    assert Answer.objects.count() == 0
    wrong_all = [("q1", ["ตัวเลือก b ของ คำถามที่ 1"]), *ANSWERS[1:]]
    for number, (_key, choices) in enumerate(wrong_all, start=1):
        expect(page.locator("#quiz legend")).to_have_text(f"คำถามที่ {number}")
        for choice in choices:
            page.locator("#quiz").get_by_label(choice, exact=True).check()
        page.get_by_role("button", name="ตรวจคำตอบ").click()
        expect(page.locator("#quiz .quiz-verdict")).to_have_text("ยังไม่ถูก" if number in (1, 3) else "ถูกต้อง!")
        assert "feedback=" in page.url  # PRG: a full page showing the feedback
        if number == 1:
            page.reload()  # a refresh shows the same feedback and stores nothing twice
            expect(page.locator("#quiz .quiz-verdict")).to_have_text("ยังไม่ถูก")
        page.get_by_role("link", name="ดูผลของฉัน" if number == 5 else "คำถามข้อถัดไป").click()
    expect(page.locator("#quiz .quiz-score")).to_contain_text("60%")
    expect(page.locator("#quiz .quiz-result h2")).to_have_text("ครั้งนี้ยังไม่ผ่าน")
    review = page.locator("#quiz .quiz-review a")
    expect(review).to_have_text("อ่านอีกครั้ง: บทเรียนที่ 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    attempt = QuizAttempt.objects.get(user=quiz_setup["user"])
    assert (attempt.score, attempt.passed) == (60, False)
    assert Answer.objects.filter(attempt=attempt).count() == 5
    review.click()
    assert page.url.endswith(quiz_setup["lesson"].url)
    context.close()
