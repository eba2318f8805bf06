"""The issued OpenBadgeCredential: OB 3.0 schema, independent signature check, tampering, rotation."""

import base64
import json
from pathlib import Path

import jsonschema
import pytest
from jwcrypto import jwk, jws
from jwcrypto.common import JWException

from certificates import services
from certificates.badges import credential, keys
from tests.factories import UserFactory

from ..conftest import COURSE_EN, COURSE_TH, complete

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "schema" / "achievementcredential.json").read_text())


def payload_of(compact):
    part = compact.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def header_of(compact):
    part = compact.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def independent_verify(client, compact):
    """jwcrypto (not joserfc, which signed) with the key found in the published JWK Set by ``kid``."""
    published = client.get("/.well-known/jwks.json").json()
    kid = header_of(compact)["kid"]
    entry = next(key for key in published["keys"] if key["kid"] == kid)
    token = jws.JWS()
    token.deserialize(compact)
    token.verify(jwk.JWK(**entry), alg="RS256")
    return json.loads(token.payload)


def test_every_issued_credential_matches_the_ob30_schema(certificate, course_and_lessons, centre, course):
    learners = [UserFactory(display_name=f"นางสาวทดสอบ {n}", home_centre=centre if n else None) for n in range(3)]
    certificates = [certificate]
    for learner in learners:
        complete(learner, course_and_lessons[1])
        certificates.append(services.issue(learner, course)[0])
    validator = jsonschema.Draft201909Validator(SCHEMA)
    for issued in certificates:
        compact = credential.issue(issued)[1]
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(payload_of(compact))]
        assert errors == []


def test_credential_carries_name_course_issuer_and_no_other_personal_data(certificate, completed_learner):
    built, compact = credential.issue(certificate)
    subject = built["credentialSubject"]
    assert built["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert built["@context"] == ["https://www.w3.org/ns/credentials/v2", credential.OB_CONTEXT]
    assert subject["identifier"] == [
        {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": "นางบุญมี ทองดี"}
    ]
    assert subject["achievement"]["name"] == f"{COURSE_TH} / {COURSE_EN}"
    assert subject["achievement"]["criteria"]["narrative"]
    assert subject["achievement"]["image"]["id"].endswith("/image.png")
    assert subject["source"]["name"] == "ศูนย์ดิจิทัลชุมชนวัดพระสิงห์"
    assert built["issuer"]["id"] == "https://cdc.example.th/badges/issuer"
    assert built["validFrom"].endswith("Z")
    text = json.dumps(payload_of(compact), ensure_ascii=False)
    for private in [completed_learner.username, completed_learner.mobile or "0812345678", str(completed_learner.pk)]:
        assert f'"{private}"' not in text
    claims = payload_of(compact)
    assert claims["iss"] == built["issuer"]["id"] and claims["jti"] == built["id"] and claims["sub"] == subject["id"]
    header = header_of(compact)
    assert set(header) == {"alg", "kid", "typ"} and header["alg"] == "RS256" and header["typ"] == "JWT"
    assert header["kid"].startswith("https://cdc.example.th/.well-known/jwks.json#")


def test_signature_verifies_with_an_independent_library(client, certificate):
    compact = credential.issue(certificate)[1]
    assert independent_verify(client, compact)["credentialSubject"]["identifier"][0]["identityHash"] == "นางบุญมี ทองดี"


def test_published_jwks_holds_no_private_key(client, certificate):
    credential.issue(certificate)
    response = client.get("/.well-known/jwks.json")
    assert response["Content-Type"].startswith("application/jwk-set+json")
    for entry in response.json()["keys"]:
        assert entry["kty"] == "RSA" and not {"d", "p", "q", "dp", "dq", "qi"} & set(entry)


@pytest.mark.parametrize("part", [0, 1, 2])
def test_one_changed_character_makes_it_invalid(client, certificate, part):
    from certificates.badges import verify

    compact = credential.issue(certificate)[1]
    pieces = compact.split(".")
    middle = len(pieces[part]) // 2
    pieces[part] = pieces[part][:middle] + ("A" if pieces[part][middle] != "A" else "B") + pieces[part][middle + 1 :]
    tampered = ".".join(pieces)
    assert not verify.check(tampered).valid_signature
    with pytest.raises((JWException, ValueError, KeyError, StopIteration)):
        independent_verify(client, tampered)


def test_a_changed_name_in_the_payload_is_invalid(certificate):
    from certificates.badges import verify

    compact = credential.issue(certificate)[1]
    head, body, signature = compact.split(".")
    claims = payload_of(compact)
    claims["credentialSubject"]["identifier"][0]["identityHash"] = "นายปลอม ตัวจริง"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    assert not verify.check(f"{head}.{forged}.{signature}").valid_signature


def test_rotating_the_key_keeps_old_credentials_verifiable(client, certificate, key_dir):
    from certificates.badges import verify

    old = credential.issue(certificate)[1]
    old_kid = header_of(old)["kid"]
    keys.generate_key_file(key_dir)
    new = credential.issue(certificate)[1]
    assert header_of(new)["kid"] != old_kid
    published = {entry["kid"] for entry in client.get("/.well-known/jwks.json").json()["keys"]}
    assert {old_kid, header_of(new)["kid"]} <= published
    assert verify.check(old).trustworthy and verify.check(new).trustworthy
    assert independent_verify(client, old)["id"] == independent_verify(client, new)["id"]


def test_a_credential_signed_by_another_key_is_not_trusted(certificate, tmp_path):
    from joserfc.jwk import RSAKey

    from certificates.badges import verify

    own_kid = keys.current().signing_kid
    stranger = keys.Keys(signing=RSAKey.generate_key(2048, private=True), signing_kid=own_kid, public={})
    forged = credential.sign(credential.build(certificate), stranger)
    result = verify.check(forged)
    assert not result.valid_signature


def test_production_without_a_key_is_a_configuration_error(settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    settings.BADGES_KEY_DIR = tmp_path / "empty"
    settings.BADGES_GENERATE_KEY = False
    with pytest.raises(ImproperlyConfigured):
        keys.current()
    assert not (tmp_path / "empty").exists()


def test_signing_key_from_a_configured_file(settings, tmp_path, certificate):
    path = keys.generate_key_file(tmp_path / "secret")
    settings.BADGES_KEY_DIR = tmp_path / "published"
    settings.BADGES_SIGNING_KEY_FILE = str(path)
    settings.BADGES_GENERATE_KEY = False
    compact = credential.issue(certificate)[1]
    from joserfc.jwk import RSAKey

    assert header_of(compact)["kid"].endswith("#" + RSAKey.import_key(path.read_bytes()).thumbprint())


def test_erased_holder_gets_no_credential(certificate):
    certificate.learner_id = None
    certificate.learner_name = ""
    with pytest.raises(credential.HolderWithdrew):
        credential.build(certificate)


def test_badge_keys_command_rotates(key_dir):
    from io import StringIO

    from django.core.management import call_command

    before = keys.current().signing_kid
    out = StringIO()
    call_command("badge_keys", "--generate", stdout=out)
    after = keys.current().signing_kid
    assert after != before
    assert f"signs    {after}" in out.getvalue() and f"verifies {before}" in out.getvalue()
    assert len(list(key_dir.glob("*.pem"))) == 2


def test_system_check_reports_a_missing_production_key(settings, tmp_path):
    from certificates.badges.checks import signing_key_configured

    settings.BADGES_GENERATE_KEY = False
    settings.BADGES_KEY_DIR = tmp_path / "none"
    assert [error.id for error in signing_key_configured()] == ["certificates.E101"]
    settings.BADGES_SIGNING_KEY_FILE = str(keys.generate_key_file(tmp_path / "given"))
    assert signing_key_configured() == []
