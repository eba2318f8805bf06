"""The stored part of a certificate's badge credential: ids and the status-list index, no personal data."""

import secrets
import uuid

from django.db import IntegrityError, models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STATUS_LIST_SIZE = 131_072  # bits per status list: 16 KiB, the Bitstring Status List minimum (herd privacy)
INDEX_ATTEMPTS = 10


class BadgeCredential(models.Model):
    """One per certificate. ``status_index`` is its bit in the revocation status list (drawn at random)."""

    certificate = models.OneToOneField(
        "certificates.Certificate", verbose_name=_("certificate"), on_delete=models.CASCADE, related_name="badge"
    )
    credential_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subject_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status_index = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    shared_at = models.DateTimeField(
        _("shared at"),
        null=True,
        blank=True,
        help_text=_("The public share page exists only after the learner shares."),
    )

    class Meta:
        app_label = "certificates"
        verbose_name = _("badge credential")

    def __str__(self):
        return f"urn:uuid:{self.credential_uuid}"

    @property
    def status_list(self):
        return self.status_index // STATUS_LIST_SIZE

    @property
    def status_bit(self):
        return self.status_index % STATUS_LIST_SIZE


def _capacity():
    """Indices are drawn from enough lists to stay at most half full, so a random draw rarely collides."""
    lists = 1 + (2 * BadgeCredential.objects.count()) // STATUS_LIST_SIZE
    return lists * STATUS_LIST_SIZE


def badge_for(certificate):
    """The certificate's ``BadgeCredential``, created with a random unused status index on first use."""
    existing = BadgeCredential.objects.filter(certificate_id=certificate.pk).first()
    if existing:
        return existing
    capacity = _capacity()
    for _attempt in range(INDEX_ATTEMPTS):
        try:
            with transaction.atomic():
                return BadgeCredential.objects.create(
                    certificate_id=certificate.pk, status_index=secrets.randbelow(capacity)
                )
        except IntegrityError:
            existing = BadgeCredential.objects.filter(certificate_id=certificate.pk).first()
            if existing:
                return existing
    raise IntegrityError("could not draw an unused status list index")


def _on_certificate_saved(sender, instance, created, raw=False, **kwargs):
    """Every new certificate gets its credential row at once (inside the issuing transaction)."""
    if created and not raw:
        badge_for(instance)


post_save.connect(_on_certificate_saved, sender="certificates.Certificate", dispatch_uid="badges-on-certificate")


from . import checks  # noqa: E402, F401  (registers the signing-key system check)
