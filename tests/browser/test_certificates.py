"""On a 360×740 phone: finish the demo course, download the certificate, verify it from its code."""

import subprocess

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def finish_demo_course(catalog, user):
    """The online-selling demo course with its quiz: every lesson marked done, the quiz passed."""
    from wagtail.models import Locale

    from lessons.demo.courses import course_data
    from lessons.services import course_lessons, mark_done
    from quizzes.demo import load_course_quiz
    from quizzes.models import QuizAttempt
    from quizzes.services import grade
    from tests.factories import load_demo_course

    course = load_demo_course(catalog, "online-selling")
    data = next(data for data in course_data() if data["slug"] == "online-selling")
    quiz = load_course_quiz(data, Locale.objects.get(language_code="en"))
    for lesson in course_lessons(course):
        mark_done(user, lesson)
    attempt = QuizAttempt.objects.create(user=user, quiz=quiz)
    for question in quiz.question_list:
        grade(attempt, question.key, sorted(question.correct_keys))
    return course


def test_finish_course_download_certificate_and_verify_it(live_server, phone, axe, tmp_path):
    from django.core.cache import cache

    from certificates.models import Certificate
    from lessons.demo import ensure_site
    from tests.factories import DEFAULT_PASSWORD, CentreFactory, UserFactory

    cache.clear()
    _home, catalog = ensure_site()
    centre = CentreFactory(name_th="ศูนย์ดิจิทัลชุมชนวัดพระสิงห์", name_en="Wat Phra Singh Community Digital Centre")
    learner = UserFactory(username="boonmee", display_name="นางบุญมี ทองดี", home_centre=centre)
    course = finish_demo_course(catalog, learner)
    certificate = Certificate.objects.get(learner=learner, status="valid")  # issued automatically on completion
    url = live_server.url

    phone.goto(url + "/th/accounts/sign-in/")
    phone.get_by_label("ชื่อผู้ใช้หรือหมายเลขโทรศัพท์มือถือ").fill("boonmee")
    phone.get_by_label("รหัสผ่าน").fill(DEFAULT_PASSWORD)
    phone.get_by_role("button", name="เข้าสู่ระบบ").click()
    phone.wait_for_url(url + "/th/", wait_until="domcontentloaded")

    # The course page offers the certificate too.
    phone.goto(url + course.url)
    assert phone.locator(".course-certificate").get_by_role("link", name="ดาวน์โหลดใบประกาศนียบัตร (PDF)").count() == 1

    # "My learning": download the PDF.
    phone.goto(url + "/th/learning/")
    section = phone.locator(".my-certificates")
    assert certificate.code in section.inner_text()
    assert no_horizontal_scroll(phone)
    assert axe(phone) == []
    with phone.expect_download() as download_info:
        section.get_by_role("link", name="ดาวน์โหลดใบประกาศนียบัตร (PDF)").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    assert path.name == f"certificate-{certificate.code}.pdf"
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "นางบุญมี ทองดี" in text and certificate.code in text
    code = next(line for line in text.splitlines() if line.strip() == certificate.code).strip()

    # A verifier types the code from the paper, carelessly.
    phone.goto(url + "/th/verify/")
    assert no_horizontal_scroll(phone)
    phone.get_by_label("รหัสตรวจสอบ").fill(code.lower().replace("-", " "))
    phone.get_by_role("button", name="ตรวจสอบ").click()
    phone.wait_for_url(f"{url}/th/verify/{certificate.code}/")
    main = phone.locator("main").inner_text()
    assert "ใบประกาศนียบัตรนี้ใช้ได้" in main and "นางบุญมี ทองดี" in main and course.title in main
    assert no_horizontal_scroll(phone)
    assert axe(phone) == []
