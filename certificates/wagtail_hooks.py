from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import InlinePanel
from wagtail.permissions import register_permission_policy

from lessons import hooks as lesson_hooks
from lms.admin_menu import RuleMenuItem

from .models import Certificate
from .permissions import can_manage_certificates
from .viewsets import CertificatePermissionPolicy, CertificateViewSet

register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


@hooks.register("register_admin_viewset")
def register_viewset():
    return CertificateViewSet("certificates_admin")


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RuleMenuItem(
        _("Certificates"),
        reverse("certificates_admin:index"),
        rule=can_manage_certificates,
        icon_name="doc-full",
        order=250,
    )


@hooks.register(lesson_hooks.MY_LEARNING_EXTRAS)
def my_learning_certificates():
    return "certificates/_my_certificates.html"


@hooks.register(lesson_hooks.COURSE_PAGE_EXTRAS)
def course_page_certificate():
    return "certificates/_course_page_certificate.html"


@hooks.register(lesson_hooks.COURSE_PANELS)
def course_certificate_panels():
    return [InlinePanel("certificate_settings", heading=_("Certificate"), label=_("Certificate"), min_num=1, max_num=1)]
