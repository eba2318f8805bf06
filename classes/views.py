"""Learners' pages under /<lang>/classes/: my classes and attendance, join by class code, check in.

Permission rule: every view needs a signed-in user (anonymous visitors go to sign-in). A learner sees only
the classes they are in and only their own attendance; check-in only ever records the signed-in learner.
Staff and trainers run classes in the Wagtail admin (``admin_views.py``).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from . import services
from .forms import CheckInForm, JoinForm
from .models import Attendance, Class, Session

CHECKIN_GROUP = "classes.checkin"
JOIN_GROUP = "classes.join"


def ip_rate(group, request):
    """Check-in and join attempts per IP (``CLASSES_IP_RATE``, default 60 a minute: a whole class shares one)."""
    return getattr(settings, "CLASSES_IP_RATE", "60/m")


def learner_rate(group, request):
    """Wrong codes per learner (``CLASSES_LEARNER_RATE``, default 8 in 10 minutes)."""
    return getattr(settings, "CLASSES_LEARNER_RATE", "8/10m")


def _code_form(request, form_class, group, template):
    """``(form, None)`` with a valid code to try, or ``(None, response)``: the empty form (a GET, ``?code=``
    filled in), too many wrong codes (429) or a code that is not one (400)."""
    if request.method == "GET":
        code = request.GET.get("code", "")[: form_class.base_fields["code"].max_length]
        return None, render(request, template, {"form": form_class(initial={"code": code})})
    form = form_class(request.POST)
    if getattr(request, "limited", False) or is_ratelimited(
        request, group=group, key="user", rate=learner_rate, increment=False
    ):
        form.add_error(None, _("Too many wrong codes. Please wait a few minutes, then try again."))
        return None, render(request, template, {"form": form}, status=429)
    if not form.is_valid():
        return None, render(request, template, {"form": form}, status=400)
    return form, None


def _wrong_code(request, form, group, template, message, status):
    """A well-formed code that leads nowhere: counts towards the learner's limit."""
    is_ratelimited(request, group=group, key="user", rate=learner_rate, increment=True)
    form.add_error("code", message)
    return render(request, template, {"form": form}, status=status)


@never_cache
@login_required
def my_classes(request):
    """The signed-in learner's classes, their sessions and the learner's own attendance."""
    classes = list(Class.objects.filter(memberships__user=request.user).select_related("centre"))
    sessions = Session.objects.filter(klass__in=classes).order_by("date", "start_time")
    attended = {row.session_id: row for row in Attendance.objects.filter(user=request.user, session__klass__in=classes)}
    by_class = {klass.pk: [] for klass in classes}
    for session in sessions:
        by_class[session.klass_id].append({"session": session, "attendance": attended.get(session.pk)})
    items = [{"klass": klass, "sessions": by_class[klass.pk]} for klass in classes]
    return render(request, "classes/my_classes.html", {"items": items})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=ip_rate, group=JOIN_GROUP, method="POST", block=False)
def join(request):
    template = "classes/join.html"
    form, response = _code_form(request, JoinForm, JOIN_GROUP, template)
    if response is not None:
        return response
    klass, joined = services.join(request.user, form.cleaned_data["code"])
    if klass is None:
        message = _("There is no class with this code. Check the code with your trainer.")
        return _wrong_code(request, form, JOIN_GROUP, template, message, 404)
    if joined:
        messages.success(request, _("You have joined the class %(name)s.") % {"name": klass.name})
    else:
        messages.info(request, _("You are already in the class %(name)s.") % {"name": klass.name})
    return redirect("classes:mine")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=ip_rate, group=CHECKIN_GROUP, method="POST", block=False)
def check_in(request):
    """Type (or scan: the QR opens this page with ``?code=``) the code shown on the projector, then press the button.

    A GET never records anything; only the POST does, and only for ``request.user``.
    """
    template = "classes/check_in.html"
    form, response = _code_form(request, CheckInForm, CHECKIN_GROUP, template)
    if response is not None:
        return response
    try:
        attendance, created = services.check_in(request.user, form.cleaned_data["code"])
    except services.CheckInError as error:
        return _wrong_code(request, form, CHECKIN_GROUP, template, str(error), 400)
    return render(
        request,
        "classes/checked_in.html",
        {"attendance": attendance, "created": created, "session": attendance.session},
    )
