"""A learner on a 360×740 phone: sign up without e-mail, learn, sign out, come back and continue."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "มะม่วง-น้ำดอกไม้-2569"


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_sign_up_learn_sign_out_sign_in_and_continue(live_server, phone, axe):
    from learners.models import User
    from lessons.demo import ensure_site
    from lessons.models import LessonProgress
    from tests.factories import CentreFactory, make_course_with_lessons

    _home, catalog = ensure_site()
    CentreFactory(code="CDC-CMI-001", name_th="ศูนย์ดิจิทัลชุมชนวัดพระสิงห์", province="เชียงใหม่")
    CentreFactory(code="CDC-PTN-001", name_th="ศูนย์ดิจิทัลชุมชนมัสยิดกลาง", province="ปัตตานี", district="เมืองปัตตานี")
    course, lessons = make_course_with_lessons(catalog, slug="selling", lessons=3, title="ขายของออนไลน์")
    url = live_server.url

    # Sign up on the phone: find the centre by province (htmx, no reload), no e-mail.
    phone.goto(url + "/th/accounts/sign-up/")
    assert no_horizontal_scroll(phone)
    assert axe(phone) == []
    phone.evaluate("window.__sameDocument = true")
    phone.get_by_label("ค้นหาจากชื่อศูนย์ อำเภอ หรือจังหวัด").fill("เชียงใหม่")
    expect(phone.get_by_text("ศูนย์ดิจิทัลชุมชนมัสยิดกลาง")).to_have_count(0)
    phone.get_by_label(re.compile("ศูนย์ดิจิทัลชุมชนวัดพระสิงห์")).check()
    assert phone.evaluate("window.__sameDocument") is True
    phone.get_by_label("ชื่อของคุณ").fill("นางบุญมี ทองดี")
    phone.get_by_label("ชื่อผู้ใช้หรือหมายเลขโทรศัพท์มือถือ").fill("081-234-5678")
    phone.get_by_label("รหัสผ่าน").fill(PASSWORD)
    phone.get_by_role("button", name="สมัครสมาชิก").click()
    phone.wait_for_url(url + "/th/")
    user = User.objects.get(mobile="0812345678")
    assert user.email == "" and user.home_centre.code == "CDC-CMI-001"

    # Open the course and mark two lessons done with htmx: the page is not reloaded.
    phone.goto(url + course.url)
    assert no_horizontal_scroll(phone)
    phone.locator(".outline").get_by_role("link", name=re.compile("บทที่ 1")).click()
    phone.wait_for_url(url + lessons[0].url)
    for number, lesson in enumerate(lessons[:2], start=1):
        if number > 1:
            phone.goto(url + lesson.url)
        phone.evaluate("window.__sameDocument = true")
        phone.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบแล้ว").click()
        phone.get_by_text("คุณเรียนบทนี้จบแล้ว").wait_for()
        assert phone.evaluate("window.__sameDocument") is True, "marking done reloaded the page"
        bar = phone.locator("#lesson-progress [role=progressbar]")
        assert bar.get_attribute("aria-valuenow") == str(number)
        assert phone.locator("#course-outline .status-done").count() == number
        assert no_horizontal_scroll(phone)
    assert LessonProgress.objects.filter(user=user, completed_at__isnull=False).count() == 2

    # Open the third lesson without finishing it, then sign out from the menu.
    phone.goto(url + lessons[2].url)
    phone.locator(".menu-button").click()
    phone.get_by_role("button", name="ออกจากระบบ").click()
    phone.wait_for_url(url + "/th/")
    assert phone.get_by_role("link", name="เข้าสู่ระบบ", include_hidden=True).count() >= 1  # in the closed menu

    # Back does not show the signed-in lesson page again (no-store): it is fetched anew, signed out.
    phone.go_back()
    phone.wait_for_load_state()
    assert phone.get_by_role("button", name="ออกจากระบบ", include_hidden=True).count() == 0

    # Sign in again and continue where we left off: lesson 3, with 2 of 3 done.
    phone.goto(url + "/th/accounts/sign-in/")
    phone.get_by_label("ชื่อผู้ใช้หรือหมายเลขโทรศัพท์มือถือ").fill("0812345678")
    phone.get_by_label("รหัสผ่าน").fill(PASSWORD)
    phone.get_by_role("button", name="เข้าสู่ระบบ").click()
    phone.wait_for_url(url + "/th/")
    phone.locator(".menu-button").click()
    phone.get_by_role("link", name="การเรียนของฉัน").click()
    phone.wait_for_url(url + "/th/learning/")
    assert no_horizontal_scroll(phone)
    assert axe(phone) == []
    assert phone.locator(".my-courses [role=progressbar]").get_attribute("aria-valuenow") == "2"
    phone.locator(".continue-card").get_by_role("link", name="เรียนต่อจากที่ค้างไว้").click()
    phone.wait_for_url(url + lessons[2].url)
    assert phone.locator("h1").inner_text() == lessons[2].title
    bar = phone.locator("#lesson-progress [role=progressbar]")
    assert bar.get_attribute("aria-valuenow") == "2" and bar.get_attribute("aria-valuemax") == "3"
    assert "เรียนจบแล้ว 2 จาก 3 บทเรียน" in phone.locator("#lesson-progress").inner_text()


def test_mark_done_works_without_javascript(live_server, browser):
    from learners.models import User
    from lessons.demo import ensure_site
    from lessons.models import LessonProgress
    from tests.factories import DEFAULT_PASSWORD, CentreFactory, UserFactory, make_course_with_lessons

    _home, catalog = ensure_site()
    course, lessons = make_course_with_lessons(catalog, slug="nojs", lessons=2)
    user = UserFactory(username="nojs")
    for n in range(25):
        CentreFactory(code=f"CDC-LPN-{n}", name_th=f"ศูนย์ดิจิทัลชุมชนบ้าน{n}", province="ลำปาง", district="เกาะคา")
    CentreFactory(code="CDC-LPN-X", name_th="ศูนย์ดิจิทัลชุมชนลำพูน", province="ลำพูน", district="เมืองลำพูน")
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/th/accounts/sign-in/?next=" + lessons[0].url)
        page.get_by_label("ชื่อผู้ใช้หรือหมายเลขโทรศัพท์มือถือ").fill("nojs")
        page.get_by_label("รหัสผ่าน").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.wait_for_url(live_server.url + lessons[0].url)
        page.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบแล้ว").click()
        page.wait_for_url(live_server.url + lessons[0].url)
        assert "คุณเรียนบทนี้จบแล้ว" in page.locator("#lesson-progress").inner_text()
        assert LessonProgress.objects.filter(user=user, completed_at__isnull=False).count() == 1
        # The centre picker without JavaScript: the search reloads the sign-up page with the choices.
        page.locator(".menu-button").click()  # <details>: opens without JavaScript
        page.get_by_role("button", name="ออกจากระบบ").click()
        page.goto(live_server.url + "/th/accounts/sign-up/")
        page.get_by_label("ค้นหาจากชื่อศูนย์ อำเภอ หรือจังหวัด").fill("ลำพูน")
        page.get_by_role("button", name="ค้นหาศูนย์").click()
        page.wait_for_url("**/th/accounts/sign-up/?centre_q=*")
        assert page.get_by_role("radio").count() == 1
        page.get_by_label(re.compile("ศูนย์ดิจิทัลชุมชนลำพูน")).check()
        page.get_by_label("ชื่อของคุณ").fill("ลุงมี")
        page.get_by_label("ชื่อผู้ใช้หรือหมายเลขโทรศัพท์มือถือ").fill("lung.mee")
        page.get_by_label("รหัสผ่าน").fill(PASSWORD)
        page.get_by_role("button", name="สมัครสมาชิก").click()
        page.wait_for_url(live_server.url + "/th/")
        assert User.objects.get(username="lung.mee").home_centre.province == "ลำพูน"
    finally:
        context.close()


def test_centre_staff_create_an_account_on_a_phone(live_server, phone, axe):
    from learners.models import Membership, User
    from lessons.demo import ensure_site
    from tests.factories import DEFAULT_PASSWORD, CentreFactory, MembershipFactory, UserFactory

    ensure_site()
    centre = CentreFactory(name_th="ศูนย์ดิจิทัลชุมชนวัดพระสิงห์")
    staff = UserFactory(username="somsri", home_centre=centre)
    MembershipFactory(user=staff, centre=centre, role=Membership.Role.STAFF)
    phone.goto(live_server.url + "/th/accounts/sign-in/")
    phone.get_by_label("ชื่อผู้ใช้หรือหมายเลขโทรศัพท์มือถือ").fill("somsri")
    phone.get_by_label("รหัสผ่าน").fill(DEFAULT_PASSWORD)
    phone.get_by_label("นี่คือเครื่องคอมพิวเตอร์ใช้ร่วมกัน").check()
    phone.get_by_role("button", name="เข้าสู่ระบบ").click()
    phone.wait_for_url(live_server.url + "/th/")
    phone.locator(".menu-button").click()
    phone.get_by_role("link", name="เจ้าหน้าที่ศูนย์").click()
    phone.get_by_role("link", name="สร้างบัญชีผู้เรียน").click()
    assert no_horizontal_scroll(phone) and axe(phone) == []
    assert phone.get_by_label(re.compile("ศูนย์ดิจิทัลชุมชนวัดพระสิงห์")).is_checked()
    phone.get_by_label("ชื่อผู้เรียน").fill("ตาแก้ว มีสุข")
    phone.get_by_label("ชื่อผู้ใช้หรือหมายเลขโทรศัพท์มือถือ").fill("0899990000")
    phone.get_by_role("button", name="สร้างบัญชี").click()
    password = phone.locator("#one-time-password").inner_text()
    assert no_horizontal_scroll(phone) and axe(phone) == []
    assert User.objects.get(mobile="0899990000").check_password(password)
