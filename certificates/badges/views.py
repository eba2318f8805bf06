"""Badge downloads, sharing, the public share page, the published JSON documents and badge checking.

Permission rules: downloads follow ``certificates.permissions.can_download`` (the learner while valid,
their centre's staff, superusers); only the learner shares or stops sharing; the share page and its
picture are public once shared (the learner always sees their own); the JWK Set, issuer, centre,
achievement and status-list documents and the verify form are public.
"""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from learners.models import Centre
from lessons.models import CoursePage

from ..codes import normalise_code
from ..models import Certificate
from ..services import course_titles
from ..views import VERIFY_GROUP, _throttled, as_attachment, certificate_download, verify_rate
from . import credential, keys, services, status, verify
from .forms import ShareForm, VerifyCredentialForm
from .urls_base import public_url

PUBLIC_MAX_AGE = 300


def _json(data, content_type="application/json"):
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


def _by_code(code):
    """The certificate with this code as printed; a string that cannot be a code (NUL, too long) is 404 at once."""
    if normalise_code(code) != code:
        raise Http404
    return get_object_or_404(Certificate.objects.select_related("centre"), code=code)


def _withdrawn(request):
    return render(request, "certificates/badges/withdrawn.html", status=410)


@certificate_download
def download_json(request, certificate):
    try:
        _credential, compact = credential.issue(certificate)
    except credential.HolderWithdrew:
        return _withdrawn(request)
    return as_attachment(_json(credential.enveloped(compact)), f"badge-{certificate.code}.json")


@certificate_download
def download_png(request, certificate):
    try:
        png = services.baked_badge(certificate)
    except credential.HolderWithdrew:
        return _withdrawn(request)
    return as_attachment(HttpResponse(png, content_type="image/png"), f"badge-{certificate.code}.png")


@require_POST
@login_required
def share(request, pk):
    """The learner's own choice only: anyone else gets 404 as if the certificate did not exist."""
    certificate = get_object_or_404(Certificate, pk=pk)
    if certificate.learner_id != request.user.pk or not certificate.is_valid:
        raise Http404
    form = ShareForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose share or stop sharing."), status=400)
    services.set_shared(certificate, form.cleaned_data["action"] == "share")
    return redirect(reverse("certificates:badge_share_page", kwargs={"code": certificate.code}))


@require_GET
@never_cache
def share_page(request, code):
    certificate = _by_code(code)
    owner = request.user.is_authenticated and certificate.learner_id == request.user.pk
    if certificate.learner_id is None or not certificate.learner_name:
        return _withdrawn(request)
    if not owner and not services.is_public(certificate):
        raise Http404
    share_url = public_url(reverse("certificates:badge_share_page", kwargs={"code": code}))
    context = {
        "certificate": certificate,
        "owner": owner,
        "shared": services.is_public(certificate),
        "share_url": share_url,
        "image_url": public_url(reverse("badges:preview", kwargs={"code": code})),
        "verify_url": reverse("certificates:verify_code", kwargs={"code": code}),
    }
    return render(request, "certificates/badges/share.html", context)


@require_GET
@cache_control(public=True, max_age=3600)
def preview(request, code):
    certificate = _by_code(code)
    if not services.is_public(certificate):
        raise Http404
    return HttpResponse(services.preview(certificate), content_type="image/png")


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=verify_rate, group=VERIFY_GROUP, block=False, method="POST")
def verify_credential(request):
    """Public form: upload or paste a badge; the answer is worked out here, with no outside calls."""
    if request.method == "GET":
        return render(request, "certificates/badges/verify_credential.html", {"form": VerifyCredentialForm()})
    if getattr(request, "limited", False):
        return _throttled(request)
    form = VerifyCredentialForm(request.POST, request.FILES)
    context = {"form": form}
    if not form.is_valid():
        return render(request, "certificates/badges/verify_credential.html", context, status=400)
    try:
        compact = verify.extract(form.cleaned_data["content"])
    except verify.Unreadable as error:
        context["error"] = error.message
        return render(request, "certificates/badges/verify_credential.html", context, status=400)
    context["result"] = verify.check(compact)
    return render(request, "certificates/badges/verify_credential.html", context)


# -- published documents (no language prefix: their URLs are inside credentials) -----------------------


@require_GET
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def jwks(request):
    return _json(keys.jwks(), "application/jwk-set+json")


@require_GET
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def issuer(request):
    from ..pdf import default_settings

    profile = credential.issuer_profile(default_settings())
    return _json({"@context": [credential.VC_CONTEXT, credential.OB_CONTEXT], **profile})


@require_GET
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def centre(request, pk):
    profile = credential.centre_profile(get_object_or_404(Centre, pk=pk))
    return _json({"@context": [credential.VC_CONTEXT, credential.OB_CONTEXT], **profile})


def _course(pk):
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    if CoursePage.objects.source_of(course).pk != course.pk:
        raise Http404
    return course


@require_GET
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def achievement(request, pk):
    course = _course(pk)
    document = credential.achievement(course, *course_titles(course))
    return _json({"@context": [credential.VC_CONTEXT, credential.OB_CONTEXT], **document})


@require_GET
@cache_control(public=True, max_age=3600)
def achievement_image(request, pk):
    return HttpResponse(services.course_badge(_course(pk)), content_type="image/png")


@require_GET
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def status_list(request, number):
    """The revocation list as JSON, or as a signed VC-JWT when asked for ``application/vc+jwt``."""
    if number > status.last_list():
        raise Http404
    document = status.status_list_credential(number, timezone.now())
    if "application/vc+jwt" in request.headers.get("Accept", ""):
        return HttpResponse(credential.sign(document), content_type="application/vc+jwt")
    return _json(document, "application/vc+ld+json")
