"""Learner downloads and public verification. Staff actions live in ``admin_views.py``."""

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from .codes import normalise_code
from .models import Certificate
from .pdf import render_pdf
from .permissions import can_download

VERIFY_GROUP = "certificates.verify"


def verify_rate(group, request):
    """Requests per IP to the verification pages (``CERTIFICATES_VERIFY_RATE``, default 30 a minute)."""
    return getattr(settings, "CERTIFICATES_VERIFY_RATE", "30/m")


def _throttled(request):
    return render(request, "certificates/throttled.html", status=429)


def certificate_download(view):
    """A file of one certificate (``/<pk>/``) for the learner, their centre's staff and superusers
    (``can_download``); anyone else gets 404 as if it did not exist. ``view(request, certificate)`` makes it."""

    @require_GET
    @never_cache
    @login_required
    @functools.wraps(view)
    def download_view(request, pk):
        certificate = get_object_or_404(Certificate.objects.select_related("centre", "course"), pk=pk)
        if not can_download(request.user, certificate):
            raise Http404
        return view(request, certificate)

    return download_view


def as_attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@certificate_download
def download(request, certificate):
    pdf = HttpResponse(render_pdf(certificate), content_type="application/pdf")
    return as_attachment(pdf, f"certificate-{certificate.code}.pdf")


@require_GET
@ratelimit(key="ip", rate=verify_rate, group=VERIFY_GROUP, block=False)
def verify(request):
    """Public form: type the code from the paper. A well-formed code redirects to its page."""
    raw = request.GET.get("code")
    if raw is None:
        return render(request, "certificates/verify.html")
    if getattr(request, "limited", False):
        return _throttled(request)
    code = normalise_code(raw)
    if code is None:
        error = _("A verification code has 12 letters and digits, like ABCD-EFGH-JKMN. Please check and try again.")
        return render(request, "certificates/verify.html", {"error": error, "value": raw[:40]}, status=400)
    return redirect(reverse("certificates:verify_code", kwargs={"code": code}))


@require_GET
@ratelimit(key="ip", rate=verify_rate, group=VERIFY_GROUP, block=False)
def verify_code(request, code):
    """Public page the QR opens: who, what, where, when and whether it is still valid."""
    if getattr(request, "limited", False):
        return _throttled(request)
    normalised = normalise_code(code)
    if normalised and normalised != code:
        return redirect(reverse("certificates:verify_code", kwargs={"code": normalised}))
    certificate = None
    if normalised:
        certificate = Certificate.objects.select_related("centre").filter(code=normalised).first()
    if certificate is None:
        return render(request, "certificates/verify_result.html", {"code": code[:40]}, status=404)
    return render(request, "certificates/verify_result.html", {"certificate": certificate, "code": normalised})
