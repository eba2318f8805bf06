"""Badge actions reachable without HTTP: download files, share / stop sharing, the share card picture."""

import hashlib

from django.core.cache import cache
from django.utils import timezone

from lms.dates import format_date

from ..pdf import default_settings
from ..services import course_titles
from . import credential, images
from .models import BadgeCredential, badge_for

PREVIEW_SECONDS = 24 * 3600


def baked_badge(certificate):
    """The course badge PNG with the signed credential baked in."""
    _credential, compact = credential.issue(certificate)
    picture = course_badge(certificate.course, certificate.course_title_th, certificate.course_title_en)
    return images.bake(picture, compact)


def course_badge(course, title_th=None, title_en=None):
    """The course's badge picture (the Achievement image), cached per title and issuer."""
    if title_th is None:
        title_th, title_en = course_titles(course)
    organisation = default_settings().organisation_name_th
    key = "badges:image:" + hashlib.sha256(f"{course.pk}|{title_th}|{title_en}|{organisation}".encode()).hexdigest()
    png = cache.get(key)
    if png is None:
        png = images.badge_png(title_th, title_en, organisation)
        cache.set(key, png, PREVIEW_SECONDS)
    return png


def set_shared(certificate, shared):
    """The learner's privacy choice: the share page is public only after they press share."""
    badge = badge_for(certificate)
    BadgeCredential.objects.filter(pk=badge.pk).update(shared_at=timezone.now() if shared else None)
    badge.refresh_from_db()
    return badge


def is_public(certificate):
    """The share page is public once shared, while the learner's details are still on file."""
    if certificate.learner_id is None or not certificate.learner_name:
        return False
    badge = BadgeCredential.objects.filter(certificate_id=certificate.pk).only("shared_at").first()
    return bool(badge and badge.shared_at)


def card_facts(certificate):
    site_settings = default_settings()
    centre = certificate.centre.display_name("th") if certificate.centre_id else ""
    title = certificate.course_title_th
    if certificate.course_title_en != title:
        title = f"{title} / {certificate.course_title_en}"
    return {
        "name": certificate.learner_name,
        "title": title,
        "date": "ออกให้เมื่อ " + format_date(certificate.issued_at, "th"),
        "issuer": " · ".join(part for part in [site_settings.organisation_name_th, centre] if part),
        "status_text": "" if certificate.is_valid else "เพิกถอนแล้ว",
    }


def preview(certificate):
    """The share card PNG (1200×630), rendered once per content and kept in the cache."""
    facts = card_facts(certificate)
    digest = hashlib.sha256("|".join([certificate.code, *facts.values()]).encode()).hexdigest()
    key = f"badges:preview:{digest}"
    png = cache.get(key)
    if png is None:
        png = images.preview_png(**facts)
        cache.set(key, png, PREVIEW_SECONDS)
    return png
