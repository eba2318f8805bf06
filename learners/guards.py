"""The one guard for staff views: the user must be signed in and pass a rule from ``learners.permissions`` (or
an app's own rule built on it, e.g. ``reports.permissions.can_view_reports``).

Anonymous visitors are sent to sign in (under ``/admin/`` Wagtail does that first); anyone else who fails the
rule gets a 403, by default Django's translated 403 page. Function views use ``@staff_required``, class-based
views ``StaffRequiredMixin``.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .permissions import is_centre_staff


def refusal(request, rule, denied=None):
    """The response that refuses ``request`` (sign in first, or ``denied(request)`` / 403), or None to let it in."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if rule(request.user):
        return None
    if denied is not None:
        return denied(request)
    raise PermissionDenied


def staff_required(view=None, *, rule=is_centre_staff):
    """Decorator for function views; ``rule(user)`` defaults to "staff of at least one centre"."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return refusal(request, rule) or view(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator


class StaffRequiredMixin:
    """The same guard for class-based views: set ``staff_rule``; override ``staff_denied`` for a custom 403."""

    staff_rule = staticmethod(is_centre_staff)
    staff_denied = None

    def dispatch(self, request, *args, **kwargs):
        return refusal(request, self.staff_rule, self.staff_denied) or super().dispatch(request, *args, **kwargs)
