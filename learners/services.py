"""Accounts: creating learners (self sign-up or by centre staff) and staff password resets."""

import secrets

from axes.utils import reset as reset_lockouts
from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import Membership, User
from .permissions import can_manage_learner, is_centre_staff

# No 0/o, 1/l/i: the password is read aloud or copied from a slip of paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def one_time_password():
    """A short password a staff member can hand over, e.g. ``k7mp-4xq9`` (letters and digits)."""
    while True:
        raw = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(8))
        if any(c.isdigit() for c in raw) and any(c.isalpha() for c in raw):
            return f"{raw[:4]}-{raw[4:]}"


def normalise_login(value):
    """A username or mobile number as typed → the form it is stored in (mobile without dashes/spaces)."""
    value = (value or "").strip()
    compact = value.replace("-", "").replace(" ", "")
    return compact if compact.isdigit() else value


def create_learner(*, login, display_name, password, centre, email="", password_hash=None):
    """Create a learner with ``centre`` as home centre and a learner membership there. Call in a transaction.

    ``login`` is a username or a mobile number (already validated); a mobile number is also the username.
    ``password_hash`` (from ``make_password``) replaces hashing ``password`` here, e.g. hashed before a
    transaction so the write lock is not held while Argon2 works.
    """
    user = User(
        username=login,
        mobile=login if login.isdigit() else None,
        display_name=display_name,
        email=email or "",
        home_centre=centre,
    )
    if password_hash is not None:
        user.password = password_hash
    else:
        user.set_password(password)
    user.save()
    if centre is not None:
        Membership.objects.create(user=user, centre=centre, role=Membership.Role.LEARNER)
    return user


def staff_create_learner(staff_user, *, login, display_name, centre, email=""):
    """Centre staff create an account for someone; returns ``(user, one_time_password)``."""
    if not is_centre_staff(staff_user, centre):
        raise PermissionDenied
    password = one_time_password()
    with transaction.atomic():
        user = create_learner(login=login, display_name=display_name, password=password, centre=centre, email=email)
    return user, password


def staff_reset_password(staff_user, learner):
    """Give ``learner`` a new one-time password and lift any sign-in lockout; returns the password.

    Changing the password also signs the learner out everywhere else (Django checks the session hash).
    """
    if not can_manage_learner(staff_user, learner):
        raise PermissionDenied
    password = one_time_password()
    learner.set_password(password)
    learner.save(update_fields=["password"])
    for login in {learner.username, learner.mobile} - {None, ""}:
        reset_lockouts(username=login)
    return password
