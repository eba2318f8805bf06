"""Who may see which reports.

National staff (the "National staff" group, and superusers) see every centre; centre staff see the centres
where they hold the staff role; nobody else sees any report.
"""

from learners.models import Centre, Membership

NATIONAL_STAFF_GROUP = "National staff"


def is_national_staff(user):
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=NATIONAL_STAFF_GROUP).exists()


def staff_centres(user):
    """Centres where ``user`` is centre staff."""
    if not (user.is_authenticated and user.is_active):
        return Centre.objects.none()
    return Centre.objects.filter(
        pk__in=Membership.objects.filter(user=user, role=Membership.Role.STAFF).values("centre_id")
    )


def report_centres(user):
    """Every centre ``user`` may report on (all of them for national staff)."""
    if is_national_staff(user):
        return Centre.objects.all()
    return staff_centres(user)


def can_view_reports(user):
    return is_national_staff(user) or staff_centres(user).exists()


def can_view_centre(user, centre):
    return is_national_staff(user) or staff_centres(user).filter(pk=centre.pk).exists()
