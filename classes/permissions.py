"""Who may do what with classes: the one place that decides.

- Centre staff (``learners.permissions``) manage every class of their centres and create classes there.
- A trainer manages the classes they teach; they may create classes at a centre where they are a trainer
  only when the centre's staff allow it (``CentreClassPolicy``).
- A learner sees only their own classes and their own attendance, and checks in only themselves.
- Nobody else sees a class; national staff see attendance only as figures in the reports.
"""

from django.db.models import Q

from learners.models import Centre, Membership
from learners.permissions import is_centre_staff, staff_centres

from .models import Class


def _active(user):
    return getattr(user, "is_authenticated", False) and user.is_active


def can_use_classes(user):
    """The "Classes" admin area: staff of a centre, trainers (by membership) and whoever teaches a class."""
    if not _active(user):
        return False
    return (
        is_centre_staff(user)
        or Membership.objects.filter(user=user, role=Membership.Role.TRAINER).exists()
        or Class.objects.filter(trainer=user).exists()
    )


def creatable_centres(user):
    """Centres where ``user`` may create a class."""
    if not _active(user):
        return Centre.objects.none()
    if user.is_superuser:
        return Centre.objects.all()
    trainer_at = Q(
        memberships__user=user, memberships__role=Membership.Role.TRAINER, class_policy__trainers_may_create=True
    )
    return Centre.objects.filter(Q(pk__in=staff_centres(user).values("pk")) | trainer_at).distinct()


def can_create_class(user, centre=None):
    centres = creatable_centres(user)
    return centres.exists() if centre is None else centres.filter(pk=centre.pk).exists()


def visible_classes(user):
    """The classes ``user`` may open and run: those they teach and those of the centres they are staff of."""
    if not _active(user):
        return Class.objects.none()
    if user.is_superuser:
        return Class.objects.all()
    return Class.objects.filter(Q(trainer=user) | Q(centre__in=staff_centres(user).values("pk")))


def can_manage_class(user, klass):
    """Run the class: edit it, its sessions and members, show the check-in code, tick the roster, see the board."""
    if not _active(user):
        return False
    return klass.trainer_id == user.pk or is_centre_staff(user, klass.centre_id)


def can_set_policy(user, centre):
    return is_centre_staff(user, centre)


def may_teach(user, centre):
    """May ``user`` be the trainer of a class at ``centre``? Trainers and staff of that centre."""
    return Membership.objects.filter(
        user=user, centre=centre, role__in=[Membership.Role.TRAINER, Membership.Role.STAFF]
    ).exists()
