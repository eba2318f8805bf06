import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings

from certificates import services
from certificates.models import Certificate
from tests.factories import COURSE_EN, COURSE_TH

from .conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(completed_learner, course):
    return services.issue(completed_learner, course)[0]


def download_url(certificate):
    return f"/th/certificates/{certificate.pk}/pdf/"


# -- download: who may --------------------------------------------------------------------------------


def test_anonymous_download_asks_to_sign_in(client, certificate):
    response = client.get(download_url(certificate))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


@pytest.mark.parametrize("who", ["completed_learner", "staff", "superuser"])
def test_owner_centre_staff_and_superuser_download_the_pdf(client, certificate, who, request):
    sign_in(client, request.getfixturevalue(who))
    response = client.get(download_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert f"certificate-{certificate.code}.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["other_learner", "other_staff"])
def test_other_learner_and_other_centres_staff_get_404(client, certificate, who, request):
    sign_in(client, request.getfixturevalue(who))
    assert client.get(download_url(certificate)).status_code == 404


def test_unknown_id_is_404_like_a_forbidden_one(client, other_learner, certificate):
    sign_in(client, other_learner)
    assert client.get(f"/th/certificates/{certificate.pk + 1000}/pdf/").status_code == 404


def test_owner_cannot_download_a_revoked_certificate_but_staff_can(client, certificate, completed_learner, staff):
    services.revoke(certificate, "ออกผิด")
    sign_in(client, completed_learner)
    assert client.get(download_url(certificate)).status_code == 404
    sign_in(client, staff)
    response = client.get(download_url(certificate))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_download_is_get_only(client, certificate, completed_learner):
    sign_in(client, completed_learner)
    assert client.post(download_url(certificate)).status_code == 405


# -- public verification ------------------------------------------------------------------------------


def test_verify_form_page_in_thai_and_english(client):
    thai = client.get("/th/verify/")
    english = client.get("/en/verify/")
    assert thai.status_code == english.status_code == 200
    assert "ตรวจสอบใบประกาศนียบัตร" in thai.content.decode()
    assert "Verify a certificate" in english.content.decode()


def test_typed_code_redirects_to_its_page_whatever_the_case_and_spacing(client, certificate):
    typed = certificate.code.lower().replace("-", " ")
    response = client.get("/th/verify/", {"code": typed})
    assert response.status_code == 302 and response["Location"] == f"/th/verify/{certificate.code}/"


def test_malformed_code_is_a_translated_400(client):
    response = client.get("/th/verify/", {"code": "hello"})
    assert response.status_code == 400
    assert "รหัสตรวจสอบมีตัวอักษรและตัวเลข 12 ตัว" in response.content.decode()


def test_valid_certificate_page_shows_name_course_centre_date_and_status(client, certificate):
    thai = client.get(f"/th/verify/{certificate.code}/").content.decode()
    for text in ["ใบประกาศนียบัตรนี้ใช้ได้", "นางบุญมี ทองดี", COURSE_TH, "ศูนย์ดิจิทัลชุมชนวัดพระสิงห์", certificate.code]:
        assert text in thai
    year_be = str(certificate.issued_at.year + 543)
    assert year_be in thai
    english = client.get(f"/en/verify/{certificate.code}/").content.decode()
    for text in [
        "Valid certificate",
        COURSE_EN,
        "Wat Phra Singh Community Digital Centre",
        str(certificate.issued_at.year),
    ]:
        assert text in english


def test_code_in_url_is_normalised(client, certificate):
    response = client.get(f"/th/verify/{certificate.code.lower()}/")
    assert response.status_code == 302 and response["Location"] == f"/th/verify/{certificate.code}/"


def test_revoked_certificate_shows_revoked_with_date(client, certificate):
    services.revoke(certificate, "ออกผิดคน")
    thai = client.get(f"/th/verify/{certificate.code}/").content.decode()
    assert "เพิกถอนแล้วเมื่อ" in thai and str(certificate.revoked_at.year + 543) in thai
    assert "ใบประกาศนียบัตรนี้ใช้ได้" not in thai
    assert "ออกผิดคน" not in thai  # the reason is for staff only
    english = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "Revoked on" in english


@pytest.mark.parametrize("code", ["ABCD-EFGH-JKMN", "not-a-code"])
def test_unknown_code_is_a_clear_404(client, db, code):
    response = client.get(f"/th/verify/{code}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ไม่พบใบประกาศนียบัตร" in html and 'name="code"' in html


def test_verification_page_is_light(client, certificate):
    response = client.get(f"/th/verify/{certificate.code}/")
    assert len(response.content) < 12_000
    assert b"<img" not in response.content


@override_settings(CERTIFICATES_VERIFY_RATE="5/m")
def test_verification_is_throttled_per_address_with_a_translated_429(client, certificate):
    statuses = [client.get(f"/th/verify/ABCD-EFGH-JK{n}{n}/").status_code for n in range(2, 7)]
    assert statuses == [404] * 5
    blocked = client.get(f"/th/verify/{certificate.code}/")
    assert blocked.status_code == 429
    assert "ตรวจสอบบ่อยเกินไป" in blocked.content.decode()
    assert client.get("/en/verify/", {"code": certificate.code}).status_code == 429
    other_address = client.get(f"/th/verify/{certificate.code}/", REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200
    assert "ใบประกาศนียบัตรนี้ใช้ได้" in other_address.content.decode()
    assert "นางบุญมี ทองดี" in other_address.content.decode()


# -- fragments for "My learning" and the course page -----------------------------------------------------


def render_tag(source, user, **context):
    request = RequestFactory().get("/th/")
    request.user = user
    return Template("{% load certificates_tags %}" + source).render(Context({"request": request, **context}))


def test_my_certificates_lists_only_my_valid_certificates(certificate, completed_learner, other_learner):
    html = render_tag("{% my_certificates %}", completed_learner)
    assert f"/th/certificates/{certificate.pk}/pdf/" in html and certificate.code in html
    assert render_tag("{% my_certificates %}", other_learner).strip() == ""
    services.revoke(certificate, "x")
    assert render_tag("{% my_certificates %}", completed_learner).strip() == ""


def test_course_certificate_fragment_states(course, learner, course_and_lessons):
    from tests.factories import complete

    assert render_tag("{% course_certificate course %}", learner, course=course).strip() == ""
    complete(learner, course_and_lessons[1])
    assert "เจ้าหน้าที่ศูนย์จะออกใบประกาศนียบัตรให้" in render_tag("{% course_certificate course %}", learner, course=course)
    certificate, _ = services.issue(learner, course)
    assert f"/certificates/{certificate.pk}/pdf/" in render_tag(
        "{% course_certificate course %}", learner, course=course
    )
    assert Certificate.objects.count() == 1


def test_my_learning_and_course_page_link_to_my_certificate(client, certificate, completed_learner, course):
    sign_in(client, completed_learner)
    link = f"/th/certificates/{certificate.pk}/pdf/"
    my_learning = client.get("/th/learning/")
    assert my_learning.status_code == 200 and link in my_learning.content.decode()
    course_page = client.get(course.url)
    assert course_page.status_code == 200 and link in course_page.content.decode()
