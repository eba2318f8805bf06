"""Check a credential someone uploads or pastes: all on this server, no outside calls.

Accepted forms: a compact JWS (VC-JWT), the JSON ``EnvelopedVerifiableCredential`` this site offers as a
.json download, or a baked PNG (its ``openbadgecredential`` iTXt chunk). Only keys this site publishes are
trusted; a credential signed by anyone else is reported as "not issued here", never fetched.
"""

import json
import zlib
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from joserfc import jws
from joserfc.errors import JoseError

from lms.inputs import ID_PATTERN

from . import keys, status
from .credential import ALGORITHM, issuer_id
from .images import BadPNG, unbake
from .urls_base import public_url

MAX_BYTES = 2 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ENVELOPE_PREFIX = "data:application/vc+jwt,"


class Unreadable(Exception):
    """The input is not a credential we can read; ``message`` is translated and safe to show."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Result:
    valid_signature: bool
    problem: str = ""
    credential: dict = field(default_factory=dict)
    revoked: bool | None = None

    @property
    def trustworthy(self):
        return self.valid_signature and self.revoked is False

    @property
    def issuer_name(self):
        issuer = self.credential.get("issuer") or {}
        return issuer.get("name", "") if isinstance(issuer, dict) else str(issuer)

    @property
    def subject(self):
        return self.credential.get("credentialSubject") or {}

    @property
    def achievement(self):
        return self.subject.get("achievement") or {}

    @property
    def holder_name(self):
        for identity in self.subject.get("identifier") or []:
            if identity.get("identityType") == "name" and not identity.get("hashed"):
                return identity.get("identityHash", "")
        return ""

    @property
    def centre_name(self):
        return (self.subject.get("source") or {}).get("name", "")


def extract(data):
    """The compact JWS inside ``data`` (bytes or text). Raises ``Unreadable``."""
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX_BYTES:
        raise Unreadable(_("The file is too large to be a badge (at most 2 MB)."))
    if data.startswith(PNG_SIGNATURE):
        try:
            text = unbake(data)
        except (BadPNG, ValueError, zlib.error):
            text = None
        if not text:
            raise Unreadable(_("This picture has no credential inside. Upload the badge picture you downloaded."))
        data = text.encode()
    try:
        text = data.decode().strip()
    except UnicodeDecodeError as error:
        raise Unreadable(_("This is not a badge file. Upload the .json or .png badge, or paste its text.")) from error
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError as error:
            raise Unreadable(_("The text is not valid JSON. Paste the whole badge file.")) from error
        ident = document.get("id", "") if isinstance(document, dict) else ""
        if document.get("type") == "EnvelopedVerifiableCredential" and str(ident).startswith(ENVELOPE_PREFIX):
            text = ident.removeprefix(ENVELOPE_PREFIX)
        else:
            raise Unreadable(_("This credential has no signature this site can check (only signed VC-JWT badges)."))
    if text.count(".") != 2 or any(ch.isspace() for ch in text):
        raise Unreadable(_("This is not a badge file. Upload the .json or .png badge, or paste its text."))
    return text


def check(compact):
    """Verify the signature with this site's published keys, then read the revocation bit locally."""
    try:
        header = jws.extract_compact(compact.encode()).headers()
    except (JoseError, ValueError, TypeError):
        return Result(False, _("The signature is damaged: the credential was changed or is incomplete."))
    key = keys.current().public.get(header.get("kid"))
    if header.get("alg") != ALGORITHM or key is None:
        return Result(False, _("This credential was not signed with a key of this site."))
    try:
        payload = jws.deserialize_compact(compact, key, algorithms=[ALGORITHM]).payload
        credential = json.loads(payload)
    except (JoseError, ValueError, TypeError):
        return Result(False, _("The signature does not match: the credential was changed after it was issued."))
    if not isinstance(credential, dict) or "OpenBadgeCredential" not in (credential.get("type") or []):
        return Result(False, _("This is not an Open Badges credential."))
    issuer = credential.get("issuer") or {}
    if not isinstance(issuer, dict) or issuer.get("id") != issuer_id() or credential.get("iss") != issuer_id():
        return Result(False, _("This credential names another issuer."), credential)
    return Result(True, "", credential, revoked=_revoked(credential.get("credentialStatus") or {}))


def _revoked(entry):
    """The status-list bit for ``entry``, read from this site's list; ``None`` when it names no list of ours."""
    url = str(entry.get("statusListCredential", ""))
    prefix = public_url("/badges/status/")
    number, index = url.removeprefix(prefix), str(entry.get("statusListIndex", ""))
    if not url.startswith(prefix) or not ID_PATTERN.fullmatch(number) or not ID_PATTERN.fullmatch(index):
        return None
    bits = status.bitstring(status.revoked_indices(int(number)), int(number))
    if int(index) >= len(bits) * 8:
        return None
    return status.is_set(bits, int(index))
