"""PDPA erasure keeps certificates: /verify/ still says they were genuinely issued, without the person."""

import pytest
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from learners.models import DeletionRequest
from learners.privacy import erase_user, request_deletion
from tests.factories import COURSE_EN, COURSE_TH

from .conftest import sign_in

pytestmark = pytest.mark.django_db

WITHDRAWN_TH = "ผู้ถือขอถอนข้อมูลส่วนบุคคลแล้ว"
WITHDRAWN_EN = "The holder's personal details were withdrawn at their request"


@pytest.fixture
def erased(completed_learner, course, staff, other_learner):
    """A valid and a revoked certificate of a learner whose account staff then erased through the real flow."""
    valid, _ = services.issue(completed_learner, course)
    revoked, _ = services.issue(other_learner, course, require_completion=False)
    services.revoke(revoked, "ชื่อ นายสมชาย ใจดี สะกดผิด")
    for person in (completed_learner, other_learner):
        assert erase_user(staff, request_deletion(person))
    return {"valid": Certificate.objects.get(pk=valid.pk), "revoked": Certificate.objects.get(pk=revoked.pk)}


def test_erasure_keeps_the_rows_without_personal_data(erased):
    for certificate in erased.values():
        assert certificate.learner_id is None and certificate.holder_withdrawn
        assert certificate.learner_name == "" and certificate.revoke_reason == ""
    assert DeletionRequest.objects.filter(confirmed_at__isnull=False).count() == 2


@pytest.mark.parametrize("which", ["valid", "revoked"])
def test_verify_says_genuine_but_withdrawn_in_thai_and_english(client, erased, which):
    certificate = erased[which]
    thai = client.get(f"/th/verify/{certificate.code}/")
    english = client.get(f"/en/verify/{certificate.code}/")
    assert thai.status_code == english.status_code == 200
    thai, english = thai.content.decode(), english.content.decode()
    assert WITHDRAWN_TH in thai and WITHDRAWN_EN in english.replace("&#x27;", "'")
    for text in [COURSE_TH, "ศูนย์ดิจิทัลชุมชนวัดพระสิงห์", str(certificate.issued_at.year + 543)]:
        assert text in thai
    for text in [COURSE_EN, "Wat Phra Singh Community Digital Centre", str(certificate.issued_at.year)]:
        assert text in english
    for page in (thai, english):
        assert "บุญมี" not in page and "สมชาย" not in page
    if which == "revoked":
        assert "เพิกถอนแล้วเมื่อ" in thai and "Revoked on" in english
    else:
        assert "ใบประกาศนียบัตรนี้ใช้ได้" in thai and "Valid certificate" in english


def test_staff_can_neither_download_nor_reissue_a_withdrawn_certificate(client, erased, staff):
    sign_in(client, staff)
    certificate = erased["valid"]
    assert client.get(f"/th/certificates/{certificate.pk}/pdf/").status_code == 404
    with pytest.raises(services.CertificateError):
        services.reissue(certificate, "ชื่อใหม่", issued_by=staff)
    response = client.post(reverse("certificates_admin:reissue", args=[certificate.pk]), {"learner_name": "ชื่อใหม่"})
    assert response.status_code == 302
    assert Certificate.objects.get(pk=certificate.pk).is_valid and Certificate.objects.count() == 2
    listing = client.get(reverse("certificates_admin:index")).content.decode()
    assert "บุญมี" not in listing and certificate.code in listing
