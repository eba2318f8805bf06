from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q


class UsernameOrMobileBackend(ModelBackend):
    """Sign in with a username (any case) or a Thai mobile number."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        login = username.strip().replace("-", "").replace(" ", "")
        User = get_user_model()
        user = User.objects.filter(Q(username__iexact=username.strip()) | Q(mobile=login)).first()
        if user is None:
            User().set_password(password)  # same work as a real check, against timing attacks
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The signed-in user, with what every page's navigation asks of them loaded in the same query.

        Whether they are centre staff (``permissions.is_centre_staff``) and whether they hold any permission
        at all: a learner with none gets empty permission caches, so the admin checks cost no query.
        """
        from .models import Membership
        from .permissions import CENTRE_STAFF_GROUP

        User = get_user_model()
        user = (
            User._default_manager.annotate(
                staff_group_member=Exists(
                    User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=CENTRE_STAFF_GROUP)
                ),
                staff_membership=Exists(Membership.objects.filter(user_id=OuterRef("pk"), role=Membership.Role.STAFF)),
                any_permission=Exists(Permission.objects.filter(user=OuterRef("pk")))
                | Exists(Permission.objects.filter(group__user=OuterRef("pk"))),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        user._in_centre_staff_group = user.staff_group_member
        user._is_any_centre_staff = user.staff_membership or bool(user.home_centre_id and user.staff_group_member)
        if not user.any_permission and not user.is_superuser:
            user._user_perm_cache = user._group_perm_cache = user._perm_cache = set()
        return user
