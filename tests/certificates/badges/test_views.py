"""Badge downloads, status list, sharing and the verify-a-badge page, over HTTP."""

import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from PIL import Image

from certificates import services
from certificates.badges import credential, images, status

from ..conftest import sign_in
from .test_credential import independent_verify, payload_of

pytestmark = pytest.mark.django_db


def status_bit(client, compact):
    """Read the credential's bit from the published list, decoding it here (gzip + base64url)."""
    entry = payload_of(compact)["credentialStatus"]
    path = entry["statusListCredential"].removeprefix("https://cdc.example.th")
    document = client.get(path).json()
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    bits = status.decode(document["credentialSubject"]["encodedList"])
    assert len(bits) * 8 >= 131_072
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def check_badge(client, **data):
    return client.post("/en/verify/badge/", data)


# -- downloads ------------------------------------------------------------------------------------------


def test_learner_downloads_json_and_baked_png_that_hold_the_same_credential(client, certificate, completed_learner):
    sign_in(client, completed_learner)
    as_json = client.get(f"/th/certificates/{certificate.pk}/badge.json")
    as_png = client.get(f"/th/certificates/{certificate.pk}/badge.png")
    assert as_json.status_code == as_png.status_code == 200
    assert f"badge-{certificate.code}.json" in as_json["Content-Disposition"]
    envelope = json.loads(as_json.content)
    assert envelope["type"] == "EnvelopedVerifiableCredential"
    compact = envelope["id"].removeprefix("data:application/vc+jwt,")
    assert as_png["Content-Type"] == "image/png"
    picture = Image.open(io.BytesIO(as_png.content))
    assert picture.size == (images.BADGE_SIZE, images.BADGE_SIZE)
    assert picture.text["openbadgecredential"] == compact == images.unbake(as_png.content)
    assert independent_verify(client, compact)["id"] == payload_of(compact)["id"]


@pytest.mark.parametrize("who", ["other_learner", "other_staff"])
def test_others_cannot_download_the_badge(client, certificate, who, request):
    sign_in(client, request.getfixturevalue(who))
    assert client.get(f"/th/certificates/{certificate.pk}/badge.json").status_code == 404
    assert client.get(f"/th/certificates/{certificate.pk}/badge.png").status_code == 404


def test_anonymous_download_asks_to_sign_in(client, certificate):
    response = client.get(f"/th/certificates/{certificate.pk}/badge.png")
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_my_learning_offers_badge_downloads_and_share(client, certificate, completed_learner):
    sign_in(client, completed_learner)
    page = client.get("/th/learning/").content.decode()
    assert f"/th/certificates/{certificate.pk}/badge.png" in page
    assert f"/th/certificates/{certificate.pk}/badge.json" in page
    assert f"/th/certificates/{certificate.pk}/share/" in page


# -- revocation -----------------------------------------------------------------------------------------


def test_revoking_flips_the_status_bit_and_verification_says_revoked(client, certificate):
    compact = credential.issue(certificate)[1]
    assert status_bit(client, compact) is False
    assert "Valid: genuine and not revoked" in check_badge(client, text=compact).content.decode()
    services.revoke(certificate, "ออกผิดคน")
    assert status_bit(client, compact) is True
    page = check_badge(client, text=compact).content.decode()
    assert "Genuine but revoked" in page


def test_reissue_revokes_the_old_credential_and_issues_a_new_one(client, certificate, staff):
    old = credential.issue(certificate)[1]
    new_certificate = services.reissue(certificate, "นางบุญมี ทองดีมาก", issued_by=staff)
    new = credential.issue(new_certificate)[1]
    assert payload_of(new)["id"] != payload_of(old)["id"]
    assert payload_of(new)["credentialSubject"]["identifier"][0]["identityHash"] == "นางบุญมี ทองดีมาก"
    assert status_bit(client, old) is True and status_bit(client, new) is False


def test_status_list_as_signed_vc_jwt(client, certificate):
    credential.issue(certificate)
    response = client.get("/badges/status/0", HTTP_ACCEPT="application/vc+jwt")
    assert response["Content-Type"] == "application/vc+jwt"
    listed = independent_verify(client, response.content.decode())
    assert listed["credentialSubject"]["statusPurpose"] == "revocation"


def test_published_documents(client, certificate, course):
    issuer = client.get("/badges/issuer").json()
    assert issuer["id"] == "https://cdc.example.th/badges/issuer" and issuer["type"] == ["Profile"]
    achievement = client.get(f"/badges/achievements/{course.pk}").json()
    assert achievement["type"] == ["Achievement"] and achievement["criteria"]["narrative"]
    picture = client.get(f"/badges/achievements/{course.pk}/image.png")
    assert Image.open(io.BytesIO(picture.content)).format == "PNG"
    assert client.get(f"/badges/centres/{certificate.centre_id}").json()["name"] == "ศูนย์ดิจิทัลชุมชนวัดพระสิงห์"
    assert client.get("/badges/achievements/999999").status_code == 404


@pytest.mark.parametrize("path", ["/badges/status/99", "/badges/status/99999999999999999999", "/badges/centres/0"])
def test_unknown_documents_are_404(client, certificate, path):
    assert client.get(path).status_code == 404


# -- verify a badge file --------------------------------------------------------------------------------


def test_uploaded_png_and_json_are_checked_in_thai(client, certificate, completed_learner):
    sign_in(client, completed_learner)
    png = client.get(f"/th/certificates/{certificate.pk}/badge.png").content
    as_json = client.get(f"/th/certificates/{certificate.pk}/badge.json").content
    client.logout()
    for name, content in [("badge.png", png), ("badge.json", as_json)]:
        upload = io.BytesIO(content)
        upload.name = name
        page = client.post("/th/verify/badge/", {"file": upload}).content.decode()
        assert "ถูกต้อง" in page and "นางบุญมี ทองดี" in page and "โครงการศูนย์ดิจิทัลชุมชน" in page


def test_tampered_paste_says_invalid(client, certificate):
    compact = credential.issue(certificate)[1]
    tampered = compact[:-5] + ("A" if compact[-5] != "A" else "B") + compact[-4:]
    response = check_badge(client, text=tampered)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not valid" in html
    assert "The signature does not match: the credential was changed after it was issued." in html


NOT_A_BADGE = "This is not a badge file. Upload the .json or .png badge, or paste its text."


@pytest.mark.parametrize(
    ("data", "status_code", "message"),
    [
        ({"text": "hello"}, 400, NOT_A_BADGE),
        ({"text": "{not json"}, 400, "The text is not valid JSON. Paste the whole badge file."),
        (
            {"text": json.dumps({"type": "OpenBadgeCredential"})},
            400,
            "This credential has no signature this site can check (only signed VC-JWT badges).",
        ),
        ({"text": ""}, 400, "Choose the badge file or paste its text."),
        # Shaped like a badge, so it is checked: the verdict page says why it is not valid.
        ({"text": "a.b.c"}, 200, "The signature is damaged: the credential was changed or is incomplete."),
    ],
)
def test_bad_input_is_a_clear_400(client, data, status_code, message):
    response = check_badge(client, **data)
    assert response.status_code == status_code
    html = response.content.decode()
    assert message in html
    assert ("Not valid" in html) is (status_code == 200)


def test_a_picture_without_a_credential_is_a_clear_400(client):
    upload = io.BytesIO(images.badge_png("ทดสอบ", "Test", "ทดสอบ"))
    upload.name = "plain.png"
    response = client.post("/en/verify/badge/", {"file": upload})
    assert response.status_code == 400 and "no credential inside" in response.content.decode()


def test_a_truncated_badge_picture_is_a_clear_400(client, certificate, completed_learner):
    sign_in(client, completed_learner)
    png = client.get(f"/th/certificates/{certificate.pk}/badge.png").content
    upload = io.BytesIO(png[:60])
    upload.name = "cut.png"
    response = client.post("/en/verify/badge/", {"file": upload})
    assert response.status_code == 400 and "no credential inside" in response.content.decode()


def test_baking_twice_keeps_one_credential_chunk(certificate):
    compact = credential.issue(certificate)[1]
    twice = images.bake(images.bake(images.badge_png("ก", "A", "ข"), "old.old.old"), compact)
    assert twice.count(b"openbadgecredential") == 1 and images.unbake(twice) == compact
    assert Image.open(io.BytesIO(twice)).size == (images.BADGE_SIZE, images.BADGE_SIZE)


def test_verify_badge_form_is_public_and_linked_from_verify(client):
    form = client.get("/th/verify/badge/")
    assert form.status_code == 200 and 'type="file"' in form.content.decode()
    assert "/th/verify/badge/" in client.get("/th/verify/").content.decode()


# -- sharing and privacy --------------------------------------------------------------------------------


def test_share_page_is_private_until_the_learner_shares(client, certificate, completed_learner):
    page = f"/th/badges/{certificate.code}/"
    preview = f"/badges/{certificate.code}/preview.png"
    assert client.get(page).status_code == 404 and client.get(preview).status_code == 404
    sign_in(client, completed_learner)
    assert "noindex" in client.get(page).content.decode()
    response = client.post(f"/th/certificates/{certificate.pk}/share/", {"action": "share"})
    assert response.status_code == 302 and response["Location"] == page
    client.logout()
    shared = client.get(page)
    assert shared.status_code == 200 and "<h1>นางบุญมี ทองดี</h1>" in shared.content.decode()
    assert "noindex" not in shared.content.decode()
    assert client.get(preview).status_code == 200 and client.get(preview)["Content-Type"] == "image/png"
    sign_in(client, completed_learner)
    client.post(f"/th/certificates/{certificate.pk}/share/", {"action": "stop"})
    client.logout()
    assert client.get(page).status_code == 404


@pytest.mark.parametrize("who", ["other_learner", "staff"])
def test_only_the_learner_may_share(client, certificate, who, request):
    sign_in(client, request.getfixturevalue(who))
    assert client.post(f"/th/certificates/{certificate.pk}/share/", {"action": "share"}).status_code == 404
    assert client.get(f"/th/badges/{certificate.code}/").status_code == 404


def test_share_is_post_only_and_rejects_unknown_actions(client, certificate, completed_learner):
    sign_in(client, completed_learner)
    assert client.get(f"/th/certificates/{certificate.pk}/share/").status_code == 405
    response = client.post(f"/th/certificates/{certificate.pk}/share/", {"action": "x"})
    assert response.status_code == 400
    with translation.override("th"):
        assert response.content.decode() == translation.gettext("Choose share or stop sharing.")


def test_share_page_has_open_graph_card_and_no_personal_data_beyond_the_name(client, certificate, completed_learner):
    completed_learner.mobile = "0812345678"
    completed_learner.email = "boonmee@example.com"
    completed_learner.save()
    services_share(certificate)
    response = client.get(f"/th/badges/{certificate.code}/")
    soup = BeautifulSoup(response.content, "html.parser")
    og = {tag["property"]: tag["content"] for tag in soup.select("meta[property^='og:']")}
    assert "นางบุญมี ทองดี" in og["og:title"] and "ขายของออนไลน์" in og["og:title"]
    assert og["og:image"] == f"https://cdc.example.th/badges/{certificate.code}/preview.png"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    picture = client.get(og["og:image"].removeprefix("https://cdc.example.th"))
    assert picture["Content-Type"] == "image/png" and "max-age" in picture["Cache-Control"]
    image = Image.open(io.BytesIO(picture.content))
    assert image.format == "PNG" and image.size == (1200, 630)
    text = response.content.decode()
    for private in ["boonmee", "0812345678", "081-234-5678", "boonmee@example.com"]:
        assert private not in text
    assert not re.search(r"\b0\d{8,9}\b", text)
    assert "https://social-plugins.line.me/lineit/share?url=" not in text  # only the owner sees share buttons


def test_owner_sees_line_link_copy_and_web_share_without_inline_script(client, certificate, completed_learner):
    services_share(certificate)
    sign_in(client, completed_learner)
    soup = BeautifulSoup(client.get(f"/th/badges/{certificate.code}/").content, "html.parser")
    line = soup.select_one("a[href^='https://social-plugins.line.me/lineit/share?url=']")
    assert line and "cdc.example.th%2Fth%2Fbadges%2F" in line["href"]
    assert soup.select_one("[data-web-share]") and soup.select_one("[data-copy]")
    assert soup.select_one("input#share-link")["value"].endswith(f"/th/badges/{certificate.code}/")
    assert all(script.get("src") or script.get("type") == "application/json" for script in soup.select("script"))


def test_preview_is_cached_and_shows_revocation(client, certificate):
    services_share(certificate)
    first = client.get(f"/badges/{certificate.code}/preview.png").content
    assert client.get(f"/badges/{certificate.code}/preview.png").content == first
    services.revoke(certificate, "ผิด")
    assert client.get(f"/badges/{certificate.code}/preview.png").content != first
    assert "Revoked" in client.get(f"/en/badges/{certificate.code}/").content.decode()


def services_share(certificate):
    from certificates.badges import services as badge_services

    badge_services.set_shared(certificate, True)


def test_after_erasure_the_site_serves_no_credential_or_card_but_the_status_list_holds(client, certificate):
    """PDPA erasure keeps the certificate row without the person; nothing the site still serves names them."""
    from certificates.models import Certificate

    compact = credential.issue(certificate)[1]
    services_share(certificate)
    learner = certificate.learner
    learner.delete()
    kept = Certificate.objects.get(pk=certificate.pk)
    assert kept.learner_id is None and kept.learner_name == ""
    gone = client.get(f"/th/badges/{certificate.code}/")
    assert gone.status_code == 410
    assert "ไม่มีเหรียญตราดิจิทัลนี้ให้ดู" in gone.content.decode() and "นางบุญมี" not in gone.content.decode()
    assert client.get(f"/badges/{certificate.code}/preview.png").status_code == 404
    with pytest.raises(credential.HolderWithdrew):
        credential.build(kept)
    assert status_bit(client, compact) is False
    verdict = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "withdrawn" in verdict and "นางบุญมี" not in verdict
