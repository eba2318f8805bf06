"""Offline course packs in Chromium on a 360×740 phone: save the demo course, read it with no connection,
mark lessons done and answer the quiz offline, send everything once, sign out and leave nothing behind."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
COURSE_SLUG = "safe-internet"


@pytest.fixture
def demo(settings, tmp_path, live_server):
    from django.core.cache import cache
    from wagtail.models import Locale

    from lessons.demo import ensure_site
    from lessons.demo.courses import course_data
    from lessons.services import course_lessons
    from quizzes.demo import load_course_quiz
    from tests.factories import CentreFactory, UserFactory, load_demo_course

    settings.MEDIA_ROOT = tmp_path
    settings.ROOT_URLCONF = "tests.offline.urls_media"
    cache.clear()
    _home, catalog = ensure_site()
    course = load_demo_course(catalog, COURSE_SLUG)
    data = next(data for data in course_data() if data["slug"] == COURSE_SLUG)
    quiz = load_course_quiz(data, Locale.objects.get(language_code="en"))
    learner = UserFactory(username="somsri", home_centre=CentreFactory())
    return {"course": course, "lessons": list(course_lessons(course)), "quiz": quiz, "learner": learner}


@pytest.fixture
def offline_phone(browser, csp_guard, live_server):
    context = csp_guard(browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True))
    # Background Sync fires when the browser decides; the live test server shares one SQLite connection
    # between its threads, so these tests take the other path: sending on the next page load.
    context.add_init_script(
        "self.ServiceWorkerRegistration &&"
        " Object.defineProperty(ServiceWorkerRegistration.prototype, 'sync', {get: () => undefined});"
    )
    hosts = set()
    context.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    context.hosts = hosts
    yield context, page
    context.close()
    assert errors == []
    assert hosts <= {live_server.url.split("/")[2]}, f"requests to other hosts: {hosts}"


def sign_in(page, base, username):
    from tests.factories import DEFAULT_PASSWORD

    page.goto(base + "/th/accounts/sign-in/")
    page.get_by_label("ชื่อผู้ใช้หรือหมายเลขโทรศัพท์มือถือ").fill(username)
    page.get_by_label("รหัสผ่าน").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url(base + "/th/", wait_until="domcontentloaded")


def save_course(page, base, course):
    page.goto(base + course.url)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    page.get_by_role("button", name="บันทึกหลักสูตรนี้ไว้เรียนแบบออฟไลน์").click()
    status = page.locator(".offline-save-status")
    expect(status).to_contain_text("หลักสูตรนี้ใช้พื้นที่ในอุปกรณ์นี้ประมาณ")
    page.get_by_role("button", name="ดาวน์โหลด").click()
    expect(status).to_contain_text("บันทึกไว้เรียนแบบออฟไลน์แล้ว", timeout=30_000)


def cached_urls(page):
    return page.evaluate(
        """async () => { const urls = [];
             for (const name of await caches.keys()) {
               for (const request of await (await caches.open(name)).keys()) urls.push(request.url); }
             return urls; }"""
    )


def test_save_read_offline_queue_and_send_once_then_sign_out_clears_everything(demo, offline_phone, live_server, axe):
    from certificates.models import Certificate
    from lessons.models import Enrolment, LessonProgress
    from lessons.services import mark_done
    from offline.models import OfflineAction
    from quizzes.models import Answer

    context, page = offline_phone
    base = live_server.url
    learner, lessons, quiz = demo["learner"], demo["lessons"], demo["quiz"]
    for lesson in lessons[:-2]:  # done earlier, online; the last two are marked done offline
        mark_done(learner, lesson)
    sign_in(page, base, "somsri")
    save_course(page, base, demo["course"])
    assert LessonProgress.objects.filter(user=learner).count() == len(lessons) - 2  # saving is not reading
    saved = cached_urls(page)
    assert all(base + lesson.url in saved for lesson in lessons)
    assert not [url for url in saved if "/admin/" in url or "/accounts/" in url]
    questions = page.evaluate(f"caches.match('/th/offline/quizzes/{quiz.pk}/questions/').then(r => r.text())")
    for question in quiz.question_list:
        assert question.explanation not in questions  # nothing about the answers on the device

    context.set_offline(True)
    page.reload()
    expect(page.locator(".offline-banner")).to_contain_text("คุณกำลังออฟไลน์")
    expect(page.locator("h1")).to_have_text(demo["course"].title)
    page.locator("#course-outline a").first.click()
    for number, lesson in enumerate(lessons):
        expect(page.locator("h1")).to_have_text(lesson.title)
        assert page.locator(".lesson-body").inner_text().strip()
        if number >= len(lessons) - 2:
            page.locator("button.mark-done").click()
            expect(page.locator(".offline-queued")).to_have_text("บันทึกไว้ในอุปกรณ์นี้แล้ว จะส่งเมื่อคุณกลับมาออนไลน์")
        if number:
            expect(page.locator(".pager-previous")).to_have_attribute("href", lessons[number - 1].url)
        page.locator(".pager-next").click()
    expect(page.locator("h1")).to_have_text(quiz.title)
    expect(page.locator(".offline-banner")).to_contain_text("รอส่ง (2)")
    form = page.locator("form.offline-quiz")
    expect(form).to_contain_text("ตรวจเมื่อคุณกลับมาออนไลน์")
    for question in quiz.question_list:
        for key in question.correct_keys:
            form.locator(f'input[name="q-{question.key}"][value="{key}"]').check()
    assert axe(page) == []  # the offline quiz form and the offline banner
    page.get_by_role("button", name="บันทึกคำตอบของฉัน").click()
    expect(page.locator(".offline-queued")).to_contain_text("จะตรวจเมื่อคุณกลับมาออนไลน์")
    total = 2 + len(quiz.question_list)
    expect(page.locator(".offline-banner")).to_contain_text(f"รอส่ง ({total})")
    page.go_back()  # a saved lesson still shows its queued "done" after a reload
    page.go_back()
    expect(page.locator(".offline-queued")).to_be_visible()
    assert page.evaluate("LmsOffline.all('queue').then(q => q.length)") == total

    context.set_offline(False)  # the page sends as soon as the connection is back
    report = page.locator(".offline-report")
    expect(report).to_contain_text(f"ส่งแล้ว: รับแล้ว {total} รายการ", timeout=20_000)
    expect(report).to_contain_text("คุณผ่านแล้ว!")
    expect(page.locator(".offline-banner")).not_to_contain_text("รอส่ง")
    assert LessonProgress.objects.filter(user=learner, completed_at__isnull=False).count() == len(lessons)
    assert LessonProgress.objects.filter(user=learner).count() == len(lessons)
    assert Answer.objects.filter(attempt__user=learner).count() == len(quiz.question_list)
    assert Enrolment.objects.get(user=learner).completed_at is not None
    assert Certificate.objects.filter(learner=learner, status="valid").count() == 1

    # "Send now" again, then the same queue replayed from a second tab: every action answered as stored.
    expect(page.locator(".offline-send")).to_be_hidden()
    actions = list(OfflineAction.objects.filter(user=learner).values("client_id", "kind", "page_id", "question_key"))
    second = context.new_page()
    second.goto(base + "/th/learning/")
    replay = [
        {
            "id": str(a["client_id"]),
            "type": a["kind"],
            "page": a["page_id"],
            "question": a["question_key"],
            "options": ["x"],
        }
        for a in actions
    ]
    result = second.evaluate(
        """async (actions) => {
             const token = (await (await fetch('/th/offline/sync/')).json()).csrf;
             const response = await fetch('/th/offline/sync/', {method: 'POST', body: JSON.stringify({actions}),
               headers: {'Content-Type': 'application/json', 'X-CSRFToken': token}});
             return response.json(); }""",
        replay,
    )
    assert result["accepted"] == total and result["refused"] == 0
    assert {r["id"] for r in result["results"]} == {a["id"] for a in replay}
    assert LessonProgress.objects.filter(user=learner).count() == len(lessons)
    assert Answer.objects.filter(attempt__user=learner).count() == len(quiz.question_list)
    assert OfflineAction.objects.filter(user=learner).count() == total
    assert Certificate.objects.filter(learner=learner).count() == 1
    second.close()

    # My learning lists the saved course with its size; the catalogue marks it.
    page.goto(base + "/th/learning/")
    expect(page.locator("[data-offline-saved-list]")).to_contain_text(demo["course"].title)
    page.goto(base + "/th/courses/")
    expect(page.locator(".course-card .saved-badge")).to_have_text("บันทึกไว้เรียนแบบออฟไลน์แล้ว")

    page.locator(".menu-button").click()  # sign-out lives in the header's menu
    page.get_by_role("button", name="ออกจากระบบ").click()
    page.wait_for_url(base + "/th/", wait_until="domcontentloaded")
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("indexedDB.databases().then(dbs => dbs.map(db => db.name))") == []
    context.set_offline(True)
    with pytest.raises(PlaywrightError, match="ERR_(FAILED|INTERNET_DISCONNECTED)"):
        page.goto(base + lessons[0].url)  # nothing saved any more


def test_a_lesson_withdrawn_while_offline_is_refused_with_a_message(demo, offline_phone, live_server):
    from lessons.models import LessonProgress

    context, page = offline_phone
    base = live_server.url
    learner, lessons = demo["learner"], demo["lessons"]
    sign_in(page, base, "somsri")
    save_course(page, base, demo["course"])
    context.set_offline(True)
    for lesson in lessons[:2]:
        page.goto(base + lesson.url)
        page.locator("button.mark-done").click()
        expect(page.locator(".offline-queued")).to_be_visible()
    lessons[1].unpublish()
    context.set_offline(False)
    report = page.locator(".offline-report")
    expect(report).to_contain_text("ส่งแล้ว: รับแล้ว 1 รายการ", timeout=20_000)
    expect(report).to_contain_text(f"ไม่รับ: {lessons[1].title} บทเรียนนี้ไม่มีให้เรียนแล้ว จึงไม่ได้บันทึกว่าเรียนจบ")
    done = LessonProgress.objects.filter(user=learner, completed_at__isnull=False).values_list("lesson_id", flat=True)
    assert list(done) == [lessons[0].pk]


def test_staff_pages_and_the_admin_are_never_cached_or_served_offline(demo, offline_phone, live_server):
    from django.contrib.auth.models import Group, Permission

    from learners.models import Membership
    from tests.factories import MembershipFactory

    context, page = offline_phone
    base = live_server.url
    staff = demo["learner"]
    group, _ = Group.objects.get_or_create(name="Centre staff")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    staff.groups.add(group)
    MembershipFactory(user=staff, centre=staff.home_centre, role=Membership.Role.STAFF)
    sign_in(page, base, "somsri")
    save_course(page, base, demo["course"])
    for path in ("/admin/", "/th/accounts/staff/", "/admin/pages/"):
        page.goto(base + path)
    assert not [url for url in cached_urls(page) if "/admin/" in url or "/staff/" in url]
    context.set_offline(True)
    for path in ("/admin/", "/th/accounts/staff/"):
        with pytest.raises(PlaywrightError, match="ERR_(FAILED|INTERNET_DISCONNECTED)"):
            page.goto(base + path)


def test_storage_full_says_so_and_keeps_nothing_half_saved(demo, offline_phone, live_server, axe):
    context, page = offline_phone
    base = live_server.url
    sign_in(page, base, "somsri")
    page.goto(base + demo["course"].url)
    cdp = context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": base, "quotaSize": 50_000})
    page.get_by_role("button", name="บันทึกหลักสูตรนี้ไว้เรียนแบบออฟไลน์").click()
    page.get_by_role("button", name="ดาวน์โหลด").click()
    status = page.locator(".offline-save-status")
    expect(status).to_contain_text("พื้นที่ในอุปกรณ์นี้ไม่พอสำหรับบันทึกหลักสูตรนี้ ยังไม่มีอะไรถูกบันทึก")
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("LmsOffline.all('packs')") == []
    assert axe(page) == []
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": base})
    page.get_by_role("button", name="บันทึกหลักสูตรนี้ไว้เรียนแบบออฟไลน์").click()
    page.get_by_role("button", name="ดาวน์โหลด").click()
    expect(status).to_contain_text("บันทึกไว้เรียนแบบออฟไลน์แล้ว", timeout=30_000)
    assert axe(page) == []
    page.goto(base + "/th/learning/")
    expect(page.locator("[data-offline-saved-list]")).to_contain_text(demo["course"].title)
    assert axe(page) == []


def test_a_republished_lesson_refreshes_its_saved_copy_on_the_next_online_visit(demo, offline_phone, live_server):
    context, page = offline_phone
    base = live_server.url
    lesson = demo["lessons"][0]
    sign_in(page, base, "somsri")
    save_course(page, base, demo["course"])
    revision = page.evaluate("LmsOffline.all('packs').then(packs => packs[0].revision)")
    lesson.intro = "ฉบับปรับปรุงใหม่: ตั้งรหัสผ่านยาวอย่างน้อย 12 ตัวอักษร"
    lesson.save_revision().publish()
    page.goto(base + demo["course"].url)  # reading the saved course online checks its revision
    for _ in range(100):
        if page.evaluate("LmsOffline.all('packs').then(packs => packs[0].revision)") != revision:
            break
        page.wait_for_timeout(200)
    else:
        pytest.fail("the saved course was not refreshed")
    context.set_offline(True)
    page.goto(base + lesson.url)
    expect(page.locator(".lesson .lead")).to_have_text(lesson.intro)


def test_a_course_saved_with_its_read_aloud_audio_plays_it_offline(
    demo, offline_phone, live_server, settings, tmp_path
):
    from readaloud.services import make_page_audio

    settings.READ_ALOUD_ROOT = tmp_path / "read-aloud"
    lesson = demo["lessons"][0]
    (audio,) = make_page_audio(lesson)  # espeak-ng and opusenc, for real
    assert audio.status == "ready"
    context, page = offline_phone
    base = live_server.url
    sign_in(page, base, "somsri")
    page.goto(base + demo["course"].url)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    page.get_by_role("button", name="บันทึกหลักสูตรนี้ไว้เรียนแบบออฟไลน์").click()
    page.get_by_role("button", name="ดาวน์โหลดพร้อมเสียงอ่าน").click()
    expect(page.locator(".offline-save-status")).to_contain_text("บันทึกไว้เรียนแบบออฟไลน์แล้ว", timeout=60_000)
    assert base + audio.url in cached_urls(page)

    context.set_offline(True)
    page.goto(base + lesson.url)
    duration = page.evaluate(
        """() => new Promise((done, failed) => {
             const player = document.querySelector('audio.ra-audio');
             player.addEventListener('loadedmetadata', () => done(player.duration));
             player.addEventListener('error', () => failed(new Error('audio error ' + player.error.code)));
             player.preload = 'auto'; player.load(); })"""
    )
    assert duration == pytest.approx(audio.duration, abs=1)


def test_a_different_learner_signing_in_wipes_what_the_last_one_left(demo, offline_phone, live_server):
    """The last learner's session ended without the sign-out button (it expired, or the browser was offline):
    the next learner to sign in on that browser finds none of their saved course or queue."""
    from tests.factories import CentreFactory, UserFactory

    UserFactory(username="manee", home_centre=CentreFactory())
    context, page = offline_phone
    base = live_server.url
    sign_in(page, base, "somsri")
    save_course(page, base, demo["course"])
    assert cached_urls(page)
    context.clear_cookies()  # the session is gone, nothing was wiped at sign-out

    sign_in(page, base, "manee")
    page.goto(base + "/th/learning/")
    expect(page.locator("[data-offline-saved-list]")).to_contain_text("ยังไม่มีหลักสูตรที่บันทึกไว้")
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("LmsOffline.all('packs').then(packs => packs.length)") == 0
