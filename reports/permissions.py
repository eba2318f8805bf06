"""Who may see which reports.

National staff (the "National staff" group, made by this app's migration, and superusers) see every
centre; centre staff (``learners.permissions``, the one helper for that role) see their own centres;
nobody else sees any report.
"""

from learners.permissions import is_centre_staff

NATIONAL_STAFF_GROUP = "National staff"


def is_national_staff(user):
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    cached = getattr(user, "_is_national_staff", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=NATIONAL_STAFF_GROUP).exists()
        user._is_national_staff = cached
    return cached


def can_view_reports(user):
    return is_national_staff(user) or is_centre_staff(user)


def can_view_centre(user, centre):
    return is_national_staff(user) or is_centre_staff(user, centre)
