"""Who may manage or download which certificates, on top of ``learners.permissions`` (the role rules)."""

from learners.permissions import is_centre_staff, staff_centres


def can_manage_certificates(user):
    """Centre staff of any centre, and superusers."""
    return is_centre_staff(user)


def manageable_certificates(user, queryset):
    """``queryset`` narrowed to the certificates ``user`` may manage: their centres' (all for superusers)."""
    if not is_centre_staff(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(centre__in=staff_centres(user))


def can_download(user, certificate):
    """The learner themselves while it is valid; their centre's staff and superusers at any time.

    Nobody, once the holder's details were withdrawn: a PDF without the name is not a certificate.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active or certificate.holder_withdrawn:
        return False
    if user.is_superuser or (certificate.centre_id and is_centre_staff(user, certificate.centre_id)):
        return True
    return certificate.learner_id == user.pk and certificate.is_valid
