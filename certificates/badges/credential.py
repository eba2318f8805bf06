"""Build and sign a certificate's OpenBadgeCredential (VC Data Model 2.0, Open Badges 3.0, VC-JWT).

Why VC-JWT (a compact JWS) and RS256: OB 3.0 accepts VC-JWT and requires every verifier to support RS256,
so RS256 is the choice every wallet and validator can check; a JWS needs no JSON-LD processing (no
contexts to vendor or fetch, no RDF canonicalisation on a cheap server) and is one string that fits in a
PNG iTXt chunk. ``joserfc`` does the signing; the tests verify with ``jwcrypto`` (an independent code path).

The JOSE header has only ``alg``, ``kid`` (a URL that resolves to the key in the published JWK Set) and
``typ: JWT``, as OB 3.0 allows; the payload is the credential plus the ``iss``, ``jti``, ``nbf`` and
``sub`` claims OB 3.0 requires.
"""

import calendar
import json
from datetime import UTC, datetime

from django.utils.translation import override
from joserfc import jws

from lms.dates import format_date

from . import keys
from .models import badge_for
from .urls_base import public_url

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ALGORITHM = "RS256"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class HolderWithdrew(Exception):
    """The learner erased their account: the site serves no credential with their name any more."""


def iso(moment):
    """An aware datetime as an XML Schema dateTime in UTC, to the second."""
    return moment.astimezone(UTC).strftime(DATE_FORMAT)


def issuer_id():
    return public_url("/badges/issuer")


def issuer_profile(site_settings):
    """The programme as the issuer ``Profile`` (also served at its id)."""
    return {
        "id": issuer_id(),
        "type": ["Profile"],
        "name": site_settings.organisation_name_th,
        "description": site_settings.organisation_name_en,
        "url": public_url("/"),
    }


def centre_profile(centre):
    """The centre where the learner studied, named as the assessing ``source`` of the achievement."""
    return {
        "id": public_url(f"/badges/centres/{centre.pk}"),
        "type": ["Profile"],
        "name": centre.display_name("th"),
        "description": centre.display_name("en"),
    }


def achievement(course, th, en):
    """The course as an ``Achievement``: Thai and English title, description, criteria and image."""
    name = th if th == en else f"{th} / {en}"
    summary = (getattr(course, "summary", "") or "").strip()
    description = f"หลักสูตร {th} · Course: {en}" + (f" — {summary}" if summary else "")
    return {
        "id": public_url(f"/badges/achievements/{course.pk}"),
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": name,
        "description": description,
        "criteria": {
            "narrative": (
                f"ผู้เรียนเรียนครบทุกบทเรียนของหลักสูตร {th} และผ่านเกณฑ์ของศูนย์ดิจิทัลชุมชน "
                f"The learner completed every lesson of the course {en} and met the centre's requirements."
            )
        },
        "image": {"id": public_url(f"/badges/achievements/{course.pk}/image.png"), "type": "Image", "caption": name},
        "inLanguage": "th",
    }


def status_entry(badge):
    list_url = public_url(f"/badges/status/{badge.status_list}")
    return {
        "id": f"{list_url}#{badge.status_bit}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(badge.status_bit),
        "statusListCredential": list_url,
    }


def build(certificate, site_settings=None):
    """The credential as a dict (no proof). Raises ``HolderWithdrew`` when the learner was erased."""
    from ..pdf import default_settings

    if certificate.learner_id is None or not certificate.learner_name:
        raise HolderWithdrew
    site_settings = site_settings or default_settings()
    badge = badge_for(certificate)
    subject = {
        "id": f"urn:uuid:{badge.subject_uuid}",
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": certificate.learner_name,
            }
        ],
        "achievement": achievement(certificate.course, certificate.course_title_th, certificate.course_title_en),
    }
    if certificate.centre_id:
        subject["source"] = centre_profile(certificate.centre)
    with override("th"):
        date_th = format_date(certificate.issued_at, "th")
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{badge.credential_uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{certificate.course_title_th} ({date_th})",
        "issuer": issuer_profile(site_settings),
        "validFrom": iso(certificate.issued_at),
        "awardedDate": iso(certificate.issued_at),
        "credentialSubject": subject,
        "credentialStatus": status_entry(badge),
    }


def jwt_claims(credential):
    """The JWT claims OB 3.0 requires beside the credential itself."""
    valid_from = datetime.strptime(credential["validFrom"], DATE_FORMAT)
    issuer = credential["issuer"]
    return {
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": credential["id"],
        "nbf": calendar.timegm(valid_from.timetuple()),
        "sub": credential["credentialSubject"]["id"],
    }


def sign(credential, key_set=None):
    """The credential as a compact JWS signed with the current key (``kid`` names the key)."""
    key_set = key_set or keys.current()
    payload = {**credential, **jwt_claims(credential)}
    header = {"alg": ALGORITHM, "kid": key_set.signing_kid, "typ": "JWT"}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return jws.serialize_compact(header, body, key_set.signing, algorithms=[ALGORITHM])


def issue(certificate, site_settings=None):
    """``(credential dict, compact JWS)`` for ``certificate``."""
    credential = build(certificate, site_settings)
    return credential, sign(credential)


def enveloped(compact):
    """The JWS as a VC Data Model 2.0 ``EnvelopedVerifiableCredential`` (the downloadable .json file)."""
    return {
        "@context": [VC_CONTEXT],
        "id": f"data:application/vc+jwt,{compact}",
        "type": "EnvelopedVerifiableCredential",
    }
