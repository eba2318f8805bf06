"""Bitstring Status List (W3C): one bit per credential, set when its certificate is revoked.

The list is computed from the certificates' status on each request (one indexed query), so revoking or
re-issuing a certificate through ``certificates.services`` flips the bit with no extra step. Bit ``i`` is
bit ``7 - i % 8`` of byte ``i // 8`` (the first index is the left-most bit); the bitstring is gzipped and
base64url-encoded with the multibase prefix ``u``.
"""

import base64
import gzip

from django.db.models import Max

from ..models import Certificate
from .credential import VC_CONTEXT, iso
from .models import STATUS_LIST_SIZE, BadgeCredential
from .urls_base import public_url


def revoked_indices(list_number):
    start = list_number * STATUS_LIST_SIZE
    return BadgeCredential.objects.filter(
        status_index__gte=start,
        status_index__lt=start + STATUS_LIST_SIZE,
        certificate__status=Certificate.Status.REVOKED,
    ).values_list("status_index", flat=True)


def last_list():
    """The number of the last list in use (0 when there is none yet)."""
    highest = BadgeCredential.objects.aggregate(highest=Max("status_index"))["highest"] or 0
    return highest // STATUS_LIST_SIZE


def bitstring(indices, list_number=0):
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for index in indices:
        bit = index - list_number * STATUS_LIST_SIZE
        bits[bit // 8] |= 0x80 >> (bit % 8)
    return bytes(bits)


def encode(bits):
    return "u" + base64.urlsafe_b64encode(gzip.compress(bits, mtime=0)).decode().rstrip("=")


def decode(encoded):
    data = encoded.removeprefix("u")
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def is_set(bits, bit):
    return bool(bits[bit // 8] & (0x80 >> (bit % 8)))


def status_list_credential(list_number, now):
    """The ``BitstringStatusListCredential`` for list ``list_number`` as a dict (secured by ``sign``)."""
    from .credential import issuer_id

    url = public_url(f"/badges/status/{list_number}")
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(bitstring(revoked_indices(list_number), list_number)),
        },
    }


def is_revoked(badge):
    return Certificate.objects.filter(pk=badge.certificate_id, status=Certificate.Status.REVOKED).exists()
