"""Certificate parts for other apps' pages: ``{% load certificates_tags %}``.

``{% my_certificates %}`` on "My learning" lists the learner's certificates with download links;
``{% course_certificate page %}`` on a course page shows this course's certificate (or its state).
Lessons includes them through ``certificates/_my_certificates.html`` and
``certificates/_course_page_certificate.html``, registered in certificates/wagtail_hooks.py.
"""

from django import template

from lessons.models import CoursePage
from lessons.services import reader_enrolment

from ..models import Certificate, CourseCertificateSettings

register = template.Library()


@register.filter
def cert_code_groups(code):
    """``ABCD-EFGH-JKMN`` as its groups: the code breaks only between groups, never inside one."""
    return str(code).split("-")


@register.filter
def cert_course_title(certificate, language):
    return certificate.course_title(language)


@register.filter
def cert_centre_name(centre, language):
    return centre.display_name(language or "th") if centre else ""


@register.inclusion_tag("certificates/_certificate_list.html", takes_context=True)
def my_certificates(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    certificates = []
    if user is not None and user.is_authenticated:
        certificates = list(Certificate.objects.valid().filter(learner=user).order_by("-issued_at"))
    return {"certificates": certificates, "request": request}


@register.inclusion_tag("certificates/_course_certificate.html", takes_context=True)
def course_certificate(context, course):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or course is None:
        return {}
    course = CoursePage.objects.source_of(course)
    certificate = Certificate.objects.valid().filter(learner=user, course=course).first()
    enrolment = reader_enrolment(user, course, request) if certificate is None else None  # as the resume button
    completed = enrolment is not None and enrolment.completed_at is not None
    return {
        "certificate": certificate,
        "awaiting": completed,
        "automatic": completed and CourseCertificateSettings.auto_issue_for(course),
        "request": request,
    }
