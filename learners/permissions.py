"""Who may do what with learners: the one permission helper per role; other apps import these.

A person is *centre staff* of a centre when they hold a ``Membership`` with role ``staff`` there, or when
they are in the "Centre staff" group and the centre is their home centre. Superusers count as staff of
every centre.
"""

from django.db.models import Exists, OuterRef, Q

from .models import Centre, Membership, User

CENTRE_STAFF_GROUP = "Centre staff"


def _in_staff_group(user):
    cached = getattr(user, "_in_centre_staff_group", None)
    if cached is None:
        cached = user.groups.filter(name=CENTRE_STAFF_GROUP).exists()
        user._in_centre_staff_group = cached
    return cached


def staff_centres(user):
    """Queryset of the centres ``user`` is staff of (every centre for a superuser, none for others)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Centre.objects.none()
    if user.is_superuser:
        return Centre.objects.all()
    condition = Q(memberships__user=user, memberships__role=Membership.Role.STAFF)
    if user.home_centre_id and _in_staff_group(user):
        condition |= Q(pk=user.home_centre_id)
    return Centre.objects.filter(condition).distinct()


def is_centre_staff(user, centre=None):
    """True when ``user`` is staff of ``centre`` (of any centre when ``centre`` is None)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if centre is None and hasattr(user, "_is_any_centre_staff"):
        return user._is_any_centre_staff  # loaded with the user (``backends.UsernameOrMobileBackend``)
    centres = staff_centres(user)
    if centre is None:
        return centres.exists()
    return centres.filter(pk=getattr(centre, "pk", centre)).exists()


def learner_centre_ids(learner):
    """Ids of the centres a learner belongs to: the home centre and any learner membership."""
    ids = set(Membership.objects.filter(user=learner, role=Membership.Role.LEARNER).values_list("centre_id", flat=True))
    if learner.home_centre_id:
        ids.add(learner.home_centre_id)
    return ids


def plain_learners(queryset=None):
    """Accounts with no power beyond learning, the only ones centre staff may manage.

    Out: superusers, the staff flag, any group (e.g. "National staff", "Centre staff", "Trainers"), any
    permission of their own (e.g. admin access) and any staff or trainer role at any centre.
    """
    queryset = User.objects.all() if queryset is None else queryset
    roles = Membership.objects.filter(user=OuterRef("pk")).exclude(role=Membership.Role.LEARNER)
    groups = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    permissions = User.user_permissions.through.objects.filter(user_id=OuterRef("pk"))
    return queryset.filter(is_superuser=False, is_staff=False).exclude(
        Exists(roles) | Exists(groups) | Exists(permissions)
    )


def can_manage_learner(staff_user, learner):
    """May ``staff_user`` reset, edit or erase ``learner``? The one rule every staff view uses.

    Superusers manage anyone but themselves; centre staff manage only plain learners (``plain_learners``)
    of their own centres, so staff can never take over an account with more power than a learner.
    """
    if learner is None or not getattr(staff_user, "is_authenticated", False) or not staff_user.is_active:
        return False
    if staff_user.pk == learner.pk:
        return False
    if staff_user.is_superuser:
        return True
    if not plain_learners(User.objects.filter(pk=learner.pk)).exists():
        return False
    return staff_centres(staff_user).filter(pk__in=learner_centre_ids(learner)).exists()


def manageable_learners(staff_user, queryset=None):
    """The accounts ``staff_user`` may manage (``can_manage_learner``), as a queryset for lists and exports."""
    queryset = User.objects.all() if queryset is None else queryset
    if not is_centre_staff(staff_user):
        return queryset.none()
    queryset = queryset.exclude(pk=staff_user.pk)
    if staff_user.is_superuser:
        return queryset
    centres = staff_centres(staff_user)
    learning_here = Membership.objects.filter(user=OuterRef("pk"), centre__in=centres, role=Membership.Role.LEARNER)
    return plain_learners(queryset).filter(Q(home_centre__in=centres) | Exists(learning_here))
