"""Centre staff's certificate actions in the Wagtail admin (the list is ``viewsets.CertificateViewSet``).

Rule for every view: the user must be centre staff (of some centre) or a superuser, else 403; a
certificate, learner or centre outside their own centres is 404. Superusers see every centre.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learners.guards import staff_required
from learners.permissions import staff_centres

from . import services
from .forms import CentreCourseForm, IssueForm, ReissueForm, RevokeForm
from .models import BulkIssueJob, Certificate
from .permissions import can_manage_certificates, manageable_certificates

JOB_REFRESH_SECONDS = 2


def _certificate_or_404(request, pk):
    queryset = manageable_certificates(request.user, Certificate.objects.select_related("centre", "learner"))
    return get_object_or_404(queryset, pk=pk)


def visible_jobs(user):
    jobs = BulkIssueJob.objects.select_related("centre", "course")
    return jobs if user.is_superuser else jobs.filter(centre__in=staff_centres(user))


@staff_required(rule=can_manage_certificates)
def awaiting(request):
    """Learners of a centre who completed a course and have no valid certificate: issue one or all."""
    form = CentreCourseForm(request.GET or None, user=request.user)
    learners = None
    if form.is_valid():
        learners = list(services.awaiting_certificate(form.cleaned_data["centre"], form.cleaned_data["course"]))
    return render(
        request,
        "certificates/admin/awaiting.html",
        {"title": _("Issue certificates"), "form": form, "learners": learners},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _posted_or_404(request, form_class):
    """The cleaned data of a button on the awaiting page; anything else posted (another centre, a tampered or
    stale form) is 404."""
    form = form_class(request.POST, user=request.user)
    if not form.is_valid():
        raise Http404
    return form.cleaned_data


def _awaiting_url(centre, course):
    return reverse("certificates_admin:awaiting") + "?" + urlencode({"centre": centre.pk, "course": course.pk})


@require_POST
@staff_required(rule=can_manage_certificates)
def issue(request):
    data = _posted_or_404(request, IssueForm)
    centre, course = data["centre"], data["course"]
    learner = services.centre_learners(centre).filter(pk=data["learner"]).first()
    if learner is None:
        raise Http404
    try:
        certificate, created = services.issue(learner, course, issued_by=request.user, centre=centre)
    except services.CertificateError as exc:
        messages.error(request, exc.message)
    else:
        if created:
            messages.success(request, _("Certificate %(code)s issued to %(name)s.") % _names(certificate))
        else:
            messages.info(request, _("%(name)s already has certificate %(code)s.") % _names(certificate))
    return redirect(_awaiting_url(centre, course))


def _names(certificate):
    return {"code": certificate.code, "name": certificate.learner_name}


@require_POST
@staff_required(rule=can_manage_certificates)
def bulk_issue(request):
    """Start issuing to everyone awaiting; returns at once and shows the job's progress page."""
    data = _posted_or_404(request, CentreCourseForm)
    job = services.start_bulk_issue(data["centre"], data["course"], request.user)
    return redirect("certificates_admin:job", pk=job.pk)


@staff_required(rule=can_manage_certificates)
def job(request, pk):
    bulk_job = get_object_or_404(visible_jobs(request.user), pk=pk)
    response = render(request, "certificates/admin/job.html", {"title": _("Bulk issue"), "job": bulk_job})
    if not bulk_job.finished:
        response["Refresh"] = str(JOB_REFRESH_SECONDS)  # reload until done; works without JavaScript
    return response


@require_http_methods(["GET", "POST"])
@staff_required(rule=can_manage_certificates)
def revoke(request, pk):
    certificate = _certificate_or_404(request, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.revoke(certificate, form.cleaned_data["reason"], revoked_by=request.user)
        except services.CertificateError as exc:
            form.add_error("reason", exc.message)
        else:
            if changed:
                messages.success(request, _("Certificate %(code)s revoked.") % _names(certificate))
            else:
                messages.info(request, _("Certificate %(code)s was already revoked.") % _names(certificate))
            return redirect("certificates_admin:index")
    return _form_page(request, "certificates/admin/revoke.html", _("Revoke certificate"), certificate, form)


@require_http_methods(["GET", "POST"])
@staff_required(rule=can_manage_certificates)
def reissue(request, pk):
    certificate = _certificate_or_404(request, pk)
    if not certificate.is_valid:
        messages.error(request, _("This certificate has already been revoked."))
        return redirect("certificates_admin:index")
    if certificate.holder_withdrawn:
        messages.error(request, _("The holder's details were withdrawn at their request: it cannot be re-issued."))
        return redirect("certificates_admin:index")
    form = ReissueForm(request.POST or None, initial={"learner_name": certificate.learner.get_full_name()})
    if request.method == "POST" and form.is_valid():
        try:
            new = services.reissue(certificate, form.cleaned_data["learner_name"], issued_by=request.user)
        except services.CertificateError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Certificate %(code)s issued to %(name)s.") % _names(new))
            return redirect("certificates_admin:index")
    return _form_page(request, "certificates/admin/reissue.html", _("Correct the name"), certificate, form)


def _form_page(request, template, title, certificate, form):
    """A certificate action's form: 200 when first shown, 400 when a posted form comes back with errors."""
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"title": title, "certificate": certificate, "form": form}, status=status)
