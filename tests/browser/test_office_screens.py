"""Every admin screen the project adds, opened in Chromium by centre staff and a trainer with an English
browser: no serious or critical axe violations, no English word left (``english_and_odd``), and the class
accounts and certificates screens work for real (paste 20 names → the sheet; the issue button has a label)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.browser.test_backoffice import PASSWORD, english_and_odd, sign_in
from tests.conftest import REQUESTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CENTRE = "ศูนย์ดิจิทัลชุมชนวัดใหม่"
COURSE = "ขายของออนไลน์"
CLASS = "ขายของออนไลน์ รุ่น 1"


@pytest.fixture
def office(site):
    from certificates import services as certificates
    from certificates.models import BulkIssueJob
    from classes import services as classes
    from classes.models import Session
    from learners.models import Membership
    from lessons.models import Enrolment
    from tests.factories import CentreFactory, MembershipFactory, UserFactory, make_course

    centre = CentreFactory(code="CDC-OFFICE", name_th=CENTRE, province="น่าน")
    course, lessons = make_course(site["catalog"], slug="office-course", lessons=1, title=COURSE)

    def person(username, name, group, role):
        user = UserFactory(username=username, display_name=name, home_centre=centre)
        user.set_password(PASSWORD)
        user.save()
        if group:
            user.groups.add(Group.objects.get(name=group))
        MembershipFactory(user=user, centre=centre, role=role)
        return user

    staff = person("jao-nathee", "เจ้าหน้าที่สมศรี", "Centre staff", Membership.Role.STAFF)
    trainer = person("kru-somchai", "ครูสมชาย", "Trainers", Membership.Role.TRAINER)
    done = person("somchai", "สมชาย ใจดี", None, Membership.Role.LEARNER)
    awaiting = person("malee", "มาลี ศรีสุข", None, Membership.Role.LEARNER)
    for learner in (done, awaiting):
        Enrolment.objects.create(user=learner, course=course, completed_at=timezone.now())
    certificates.issue(done, course, issued_by=staff, centre=centre)
    job = BulkIssueJob.objects.create(
        centre=centre, course=course, requested_by=staff, status="done", total=1, done=1, issued=1
    )
    klass = classes.create_class(
        centre=centre, name=CLASS, courses=[course], trainer=trainer, start_date=timezone.localdate(), created_by=staff
    )
    classes.add_members(klass, [done, awaiting], added_by=staff)
    session = Session.objects.create(
        klass=klass, date=timezone.localdate(), start_time=datetime.time(0, 0), end_time=datetime.time(23, 59)
    )
    return {"centre": centre, "course": course, "lesson": lessons[0], "klass": klass, "session": session, "job": job}


def staff_screens(office):
    klass, session, course, centre = office["klass"], office["session"], office["course"], office["centre"]
    return {
        "classes list": "/admin/classes/",
        "class detail": f"/admin/classes/{klass.pk}/",
        "new class": "/admin/classes/new/",
        "class board": f"/admin/classes/{klass.pk}/board/",
        "check-in screen": f"/admin/classes/sessions/{session.pk}/check-in/",
        "roster": f"/admin/classes/sessions/{session.pk}/roster/",
        "certificates list": "/admin/certificates/",
        "issue certificates": f"/admin/certificates/awaiting/?centre={centre.pk}&course={course.pk}",
        "bulk issue job": f"/admin/certificates/bulk/{office['job'].pk}/",
        "reports dashboard": "/admin/centre-reports/",
        "reports learners": "/admin/centre-reports/learners/",
        "class accounts": "/admin/centre-reports/learners/class/",
        "staff learners": "/th/accounts/staff/",
        "staff create learner": "/th/accounts/staff/learners/new/",
        "account": "/admin/account/",
    }


def axe_within(page, selector):
    """Serious or critical axe violations inside ``selector`` only (our part of a Wagtail screen)."""
    from tests.conftest import AXE_JS

    with open(AXE_JS, encoding="utf-8") as fh:
        page.evaluate(fh.read())
    result = page.evaluate(
        "async (sel) => await axe.run(document.querySelector(sel), {resultTypes: ['violations']})", selector
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def check(page, axe, name, problems, content=(), within=None):
    """Axe (on the whole page, or only ``within`` a selector; None and no axe: ``within=False``) and the
    English-word scan on the page as it stands; findings go into ``problems``."""
    found = [] if within is False else axe_within(page, within) if within else axe(page)
    if found:
        problems[f"{name}: axe"] = found
    words = english_and_odd(page, content=content)
    if words:
        problems[f"{name}: English"] = sorted(words)


NAMES = ("jao-nathee", "kru-somchai", "somchai", "malee", "CDC-OFFICE", "Root")


def content_of(office, live_server):
    """Data on the screens that is not interface text: usernames, codes, the class's join link."""
    from certificates.models import Certificate

    join = f"{live_server.url}/th/classes/join/?code={office['klass'].join_code}"
    codes = tuple(Certificate.objects.values_list("code", flat=True))
    return (join, office["klass"].join_code, *codes, *NAMES)


def wagtail_screens(office, english):
    """Wagtail's own screens that trainers and staff use: the English scan only (axe runs on ours)."""
    course, lesson = office["course"], office["lesson"]
    return {
        "dashboard": "/admin/",
        "page explorer": f"/admin/pages/{course.get_parent().pk}/",
        "course's lessons": f"/admin/pages/{course.pk}/",
        "lesson editor": f"/admin/pages/{lesson.pk}/edit/",
        "lesson history": f"/admin/pages/{lesson.pk}/history/",
        "translation editor": f"/admin/pages/{english.pk}/edit/",
    }


def english_copy(course):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation
    from wagtail_localize.operations import translate_object

    translate_object(course, [Locale.objects.get(language_code="en")])
    return Translation.objects.get(source__object_id=course.translation_key).get_target_instance()


def visit_wagtail_screens(page, live_server, office, english, problems):
    for name, path in wagtail_screens(office, english).items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, (name, response.status)
        if name == "translation editor":
            page.wait_for_selector(".js-translation-editor section")
            # Staff may publish a translation directly, as any page; trainers submit it for review.
            publish = page.get_by_role("button", name="เผยแพร่ฉบับแปลภาษาอังกฤษ")
            review = page.locator(".backoffice-review-footer")
            if page.locator("body.backoffice-reviewer").count():
                assert review.is_visible() and not publish.is_visible()
            else:
                assert publish.is_visible() and review.count() == 0
        check(page, None, name, problems, content=content_of(office, live_server), within=False)


def test_staff_screens_pass_axe_and_show_no_english(browser, live_server, office, axe):
    english = english_copy(office["course"])
    page = sign_in(browser, live_server, "jao-nathee")
    problems = {}
    content = content_of(office, live_server)
    for name, path in staff_screens(office).items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, (name, response.status)
        # The site's language switcher names the other language in that language.
        check(page, axe, name, problems, content=content + (("English",) if path.startswith("/th/") else ()))
    visit_wagtail_screens(page, live_server, office, english, problems)
    page.context.close()
    assert problems == {}, "\n".join(f"{key}: {value}" for key, value in problems.items())


def test_the_issue_certificates_button_has_a_readable_label_and_works(browser, live_server, office):
    page = sign_in(browser, live_server, "jao-nathee")
    page.goto(live_server.url + "/admin/certificates/")
    button = page.get_by_role("link", name="ออกใบประกาศนียบัตร", exact=True)
    assert button.count() == 1 and button.is_visible()
    assert button.inner_text().strip() == "ออกใบประกาศนียบัตร"
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 24
    colours = button.evaluate("el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    assert colours[0] != colours[1]
    # This machine has no Thai system font (like many a centre PC): the label must use the shipped one, not boxes.
    assert button.evaluate("el => getComputedStyle(el).fontFamily").startswith('"Noto Sans Thai"')
    loaded = page.evaluate(
        "async () => { await document.fonts.ready; return [...document.fonts]"
        ".filter(f => f.family.includes('Noto Sans Thai') && f.status === 'loaded').length; }"
    )
    assert loaded >= 1
    button.click()
    page.wait_for_url("**/admin/certificates/awaiting/")
    assert page.locator("h1").inner_text().strip() == "ออกใบประกาศนียบัตร"
    page.context.close()


def without_reload(route):
    """Serve the page as the server sends it, less its ``Refresh`` header."""
    response = route.fetch()
    route.fulfill(response=response, headers={k: v for k, v in response.headers.items() if k.lower() != "refresh"})


def test_staff_create_twenty_accounts_by_pasting_names_and_print_the_sheet(browser, live_server, office, axe, settings):
    from django.core.management import call_command

    from learners.models import User

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the real queue and worker
    page = sign_in(browser, live_server, "jao-nathee")
    page.goto(live_server.url + "/admin/centre-reports/learners/class/")
    names = [f"ผู้เรียนรุ่นหนึ่ง คนที่{n}" for n in range(1, 21)]
    page.get_by_label("ชื่อผู้เรียน บรรทัดละหนึ่งคน").fill("\n".join(names))
    page.get_by_label("ใส่บัญชีใหม่เข้าชั้นเรียนนี้ (ไม่บังคับ)").select_option(label=CLASS)
    page.get_by_role("button", name="ตรวจและสร้างบัญชี").dblclick()
    # The answer comes at once: the accounts are being made in the background, the page shows how far.
    page.get_by_text("รหัสผ่านแรกเข้าพร้อมแล้ว 0 จาก 20 คน").wait_for()
    assert page.locator("progress").get_attribute("max") == "20"
    problems = {}
    # Axe takes longer than the page's 2 s reload here: it checks the same page, fetched with the reload left out.
    still = page.context.new_page()
    still.route(page.url, without_reload)
    still.goto(page.url)
    check(still, axe, "class accounts progress", problems, content=NAMES + (CLASS,))
    still.close()
    # The worker writes in this thread while the page keeps reloading. The test database is SQLite's shared
    # in-memory one, where a read during a write fails at once ("table is locked") instead of waiting as a file
    # database does; so the page's reloads are held (Playwright answers a route only once this thread is back in
    # Playwright) and the worker starts once no request is being answered.
    page.route(page.url, lambda route: route.continue_())
    REQUESTS.wait_idle()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)
    page.locator(".reports-sheet__table").wait_for()  # the page reloads itself until the sheet is ready
    assert page.locator(".reports-sheet__table tbody tr").count() == 20
    assert User.objects.filter(display_name__in=names).count() == 20
    assert office["klass"].memberships.count() == 22
    cells = tuple(page.locator(".reports-sheet__code").all_inner_texts())
    sign_in_url = f"{live_server.url}/th/accounts/sign-in/"
    check(page, axe, "class accounts sheet", problems, content=NAMES + tuple(names) + cells + (sign_in_url,))
    page.reload()
    assert page.locator(".reports-sheet__table tbody tr").count() == 20
    assert User.objects.filter(display_name__in=names).count() == 20
    page.context.close()
    assert problems == {}, problems


def test_trainer_screens_pass_axe_and_show_no_english(browser, live_server, office, axe):
    from tests.factories import make_image

    make_image("ตลาดนัด.png")
    klass, session = office["klass"], office["session"]
    english = english_copy(office["course"])
    page = sign_in(browser, live_server, "kru-somchai")
    problems = {}
    screens = {
        "classes list": "/admin/classes/",
        "class detail": f"/admin/classes/{klass.pk}/",
        "class board": f"/admin/classes/{klass.pk}/board/",
        "check-in screen": f"/admin/classes/sessions/{session.pk}/check-in/",
        "roster": f"/admin/classes/sessions/{session.pk}/roster/",
        "account": "/admin/account/",
        "translation editor": f"/admin/pages/{english.pk}/edit/",
    }
    for name, path in screens.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, (name, response.status)
        within = None
        if name == "translation editor":  # wagtail-localize's editor; the review footer is ours
            page.wait_for_selector(".js-translation-editor section")
            within = ".backoffice-review-footer"
        elif name == "account":  # Wagtail's own account page: the English scan only
            within = False
        check(page, axe, name, problems, content=content_of(office, live_server), within=within)
    visit_wagtail_screens(page, live_server, office, english, problems)

    page.goto(f"{live_server.url}/admin/pages/{office['lesson'].pk}/edit/")
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option").first.wait_for()
    # The lesson editor, block menu and image chooser are Wagtail's: the English scan only.
    check(page, axe, "block chooser", problems, content=NAMES, within=False)
    page.get_by_role("option", name="ภาพ", exact=True).first.click()
    page.locator("[data-chooser-action-choose]").first.click()
    page.locator(".modal-content").wait_for()
    page.wait_for_load_state("networkidle")
    page.locator(".modal-content header").first.wait_for()
    page.wait_for_function(
        "() => (document.querySelector('.modal-content') || {}).innerText?.includes('.png')", timeout=90_000
    )
    check(page, axe, "image chooser", problems, content=NAMES + ("ตลาดนัด.png",), within=False)
    page.context.close()
    assert problems == {}, "\n".join(f"{key}: {value}" for key, value in problems.items())


def png_bytes():
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), (11, 94, 138)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("username", ["kru-somchai", "jao-nathee"])
def test_every_tab_of_the_image_chooser_is_thai(browser, live_server, office, username):
    """The chooser's search tab (empty library, no match, another collection), its upload tab, an upload, and
    the duplicate-image dialog, for a trainer and for staff with an English browser."""
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    Collection.get_first_root_node().add_child(name="ภาพประกอบบทเรียน")
    page = sign_in(browser, live_server, username)
    problems = {}
    content = NAMES + ("ตลาดนัด", "ตลาดนัด.png", "ภาพประกอบบทเรียน", "zzqx")

    def open_chooser():
        page.goto(f"{live_server.url}/admin/pages/{office['lesson'].pk}/edit/")
        page.locator("button.c-sf-add-button").first.click()
        page.get_by_role("option", name="ภาพ", exact=True).first.click()
        page.locator("[data-chooser-action-choose]").last.click()
        page.locator(".modal-content #search-results").wait_for()
        page.wait_for_load_state("networkidle")

    open_chooser()
    assert page.locator(".modal-content .upload-one-now").is_visible()
    check(page, None, "chooser, empty library", problems, content=content, within=False)
    page.locator(".modal-content input[name=q]").fill("zzqx")
    page.wait_for_function("() => document.querySelector('#search-results').innerText.includes('zzqx')")
    check(page, None, "chooser, no match", problems, content=content, within=False)
    page.locator(".modal-content input[name=q]").fill("")
    collections = page.locator(".modal-content select[name=collection_id]")
    collections.select_option(collections.locator("option", has_text="ภาพประกอบบทเรียน").get_attribute("value"))
    page.wait_for_load_state("networkidle")
    check(page, None, "chooser, empty collection", problems, content=content, within=False)

    page.locator(".modal-content .upload-one-now").first.click()
    upload = page.locator(".modal-content #tab-upload")
    upload.wait_for()
    check(page, None, "chooser, upload tab", problems, content=content, within=False)
    image = {"name": "ตลาดนัด.png", "mimeType": "image/png", "buffer": png_bytes()}
    upload.locator("input[type=file]").set_input_files(image)
    upload.locator("input[name='image-chooser-upload-title']").fill("ตลาดนัด")
    upload.locator("button[type=submit], input[type=submit]").first.click()
    page.locator(".modal-content").wait_for(state="detached")
    assert get_image_model().objects.filter(title="ตลาดนัด").count() == 1
    check(page, None, "lesson editor, image chosen", problems, content=content, within=False)

    open_chooser()
    page.locator(".modal-content [role=tab]").last.click()
    upload = page.locator(".modal-content #tab-upload")
    upload.locator("input[type=file]").set_input_files(image)
    upload.locator("input[name='image-chooser-upload-title']").fill("ตลาดนัด")
    upload.locator("button[type=submit], input[type=submit]").first.click()
    page.locator(".modal-content .duplicate-upload").wait_for()
    check(page, None, "chooser, duplicate image", problems, content=content, within=False)
    page.locator(".modal-content .use-existing-image").click()
    page.locator(".modal-content").wait_for(state="detached")
    assert get_image_model().objects.filter(title="ตลาดนัด").count() == 1
    page.context.close()
    assert problems == {}, "\n".join(f"{key}: {value}" for key, value in problems.items())


def test_revoke_reissue_reset_password_and_deletion_screens_pass_axe(browser, live_server, office, axe):
    """Centre staff revoke and re-issue certificates, reset a password and carry out a deletion request; the
    learner asks for the deletion on a phone. Every screen on the way: axe and the English-word scan."""
    from certificates.models import Certificate
    from learners.models import DeletionRequest, User

    problems = {}
    content = content_of(office, live_server) + ("English",)
    learner = User.objects.get(username="somchai")
    phone = browser.new_context(locale="en-US", viewport={"width": 360, "height": 740}).new_page()
    phone.goto(live_server.url + "/th/accounts/sign-in/")
    phone.get_by_label("ชื่อผู้ใช้หรือหมายเลขโทรศัพท์มือถือ").fill("somchai")
    phone.get_by_label("รหัสผ่าน").fill(PASSWORD)
    phone.get_by_role("button", name="เข้าสู่ระบบ").click()
    phone.wait_for_url(live_server.url + "/th/")
    phone.goto(live_server.url + "/th/accounts/my-data/")
    check(phone, axe, "learner: my data", problems, content=content)
    phone.get_by_role("button", name="ขอให้ลบบัญชีของฉัน").click()
    phone.get_by_role("button", name="ไม่ลบ เก็บบัญชีของฉันไว้").wait_for()
    check(phone, axe, "learner: deletion requested", problems, content=content)
    deletion = DeletionRequest.objects.get(user=learner, confirmed_at__isnull=True)
    phone.context.close()

    page = sign_in(browser, live_server, "jao-nathee")
    certificate = Certificate.objects.get(learner=learner)
    page.goto(f"{live_server.url}/admin/certificates/{certificate.pk}/reissue/")
    check(page, axe, "re-issue", problems, content=content)
    page.get_by_label("ชื่อที่ถูกต้องสำหรับพิมพ์บนใบประกาศนียบัตร").fill("สมชาย ใจดีมาก")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/admin/certificates/")
    new = Certificate.objects.get(learner=learner, revoked_at__isnull=True)
    assert new.learner_name == "สมชาย ใจดีมาก" and new.pk != certificate.pk
    content += (new.code,)
    page.goto(f"{live_server.url}/admin/certificates/{new.pk}/revoke/")
    check(page, axe, "revoke", problems, content=content)
    page.locator("main form textarea[name=reason]").fill("ชื่อสะกดผิด")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/admin/certificates/")
    new.refresh_from_db()
    assert new.revoked_at is not None

    page.goto(f"{live_server.url}/th/accounts/staff/learners/{learner.pk}/reset-password/")
    check(page, axe, "reset password", problems, content=content)
    page.get_by_role("button", name="ตั้งรหัสผ่านใหม่").click()
    password = page.locator("#one-time-password").inner_text().strip()
    assert password
    check(page, axe, "new password", problems, content=content + (password,))
    page.goto(f"{live_server.url}/th/accounts/staff/")
    check(page, axe, "staff, deletion request listed", problems, content=content)
    page.get_by_role("link", name="ตรวจสอบ", exact=True).first.click()
    page.wait_for_url(f"**/staff/deletion-requests/{deletion.pk}/")
    check(page, axe, "confirm deletion", problems, content=content)
    page.get_by_role("button", name="ลบบัญชีนี้").click()
    page.wait_for_url("**/th/accounts/staff/")
    assert not User.objects.filter(pk=learner.pk).exists()
    check(page, axe, "staff, account deleted", problems, content=content)
    page.context.close()
    assert problems == {}, "\n".join(f"{key}: {value}" for key, value in problems.items())
